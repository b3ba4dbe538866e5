/**
 * Names and titles shared by the server-rendered page and the islands.
 *
 * @module
 */

import type { Context } from "hono";

/** The product name as the page shows it. */
export const SITE_NAME = "keymint";

/** The title of the home page. */
export const HOME_TITLE = "keymint: secure API key, secret and token generator";

/** The description of the home page for search results. */
export const HOME_DESCRIPTION =
  "Make cryptographically secure API keys, secrets and tokens in your browser: " +
  "hex, base64url, base58, prefixed keys with checksums and framework presets. " +
  "Nothing leaves the page.";

/** The subset of a core preset that titles need. */
export interface PresetTitleSource {
  readonly name: string;
  readonly title: string;
  readonly env: string;
}

/** The heading of the home page. */
export const HOME_HEADING = "API key, secret and token generator";

/** Letters whose names start with a vowel sound (an "F", an "S"). */
const VOWEL_SOUND_LETTERS = "AEFHILMNORSX";

/**
 * "a" or "an" before a title: by the sound of its first letter, spelled
 * out for an acronym ("an AES-256 key", "a JWT", "an Auth.js secret").
 */
function article(title: string): string {
  const word = title.split(/[\s-]/, 1)[0] ?? "";
  const acronym = word.length > 1 && word === word.toUpperCase();
  const first = word.charAt(0).toUpperCase();
  const vowel = acronym
    ? VOWEL_SOUND_LETTERS.includes(first)
    : "AEIOU".includes(first);
  return vowel ? "an" : "a";
}

/**
 * What a preset makes, as a noun phrase: its title, with "secret" added
 * unless the title already names a key or secret ("GitHub webhook
 * secret", "AES-256 key", "Laravel secret").
 */
function presetNoun(preset: PresetTitleSource): string {
  return /(key|secret|token)\w*$/i.test(preset.title)
    ? preset.title
    : `${preset.title} secret`;
}

/**
 * The heading (`<h1>`) of a page.
 *
 * @param preset The preset, or `undefined` for the home page.
 * @returns Such as "GitHub webhook secret generator".
 */
export function pageHeading(preset?: PresetTitleSource): string {
  return preset ? `${presetNoun(preset)} generator` : HOME_HEADING;
}

/**
 * The title of a preset's page.
 *
 * @param preset The preset, or `undefined` for the home page.
 * @returns The text for `<title>`.
 */
export function pageTitle(preset?: PresetTitleSource): string {
  if (!preset) return HOME_TITLE;
  return `${pageHeading(preset)} (${preset.env}) | ${SITE_NAME}`;
}

/**
 * The description of a preset's page.
 *
 * @param preset The preset, or `undefined` for the home page.
 * @returns The text for `<meta name="description">`.
 */
export function pageDescription(preset?: PresetTitleSource): string {
  if (!preset) return HOME_DESCRIPTION;
  const noun = presetNoun(preset);
  return `Generate ${
    article(noun)
  } ${noun} for ${preset.env} in your browser, ` +
    `in exactly the format it expects. The key never leaves the page.`;
}

/**
 * The path of a page, for `<link rel="canonical">`: the preset's own page,
 * without a query.
 *
 * @param preset The preset, or `undefined` for the home page.
 * @returns `/` or `/presets/NAME`.
 */
export function canonicalPath(preset?: { readonly name: string }): string {
  return preset ? `/presets/${preset.name}` : "/";
}

declare module "hono" {
  interface ContextVariableMap {
    /** The origin the page names in its examples (see `publicOrigin`). */
    publicOrigin: string;
  }
}

/**
 * The origin the page's examples (`curl https://.../api/v1/keys`) name:
 * `KEYMINT_PUBLIC_ORIGIN` when the server has it, else the request's own
 * origin, which the app sets only after it checked the Host header.
 *
 * @param c The request context.
 * @returns An origin such as `https://keymint.example`.
 */
export function publicOrigin(c: Context): string {
  const origin = c.get("publicOrigin");
  if (origin !== undefined) return origin;
  try {
    return new URL(c.req.url).origin;
  } catch {
    return "http://localhost";
  }
}
