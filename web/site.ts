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

/**
 * The title of a preset's page.
 *
 * @param preset The preset, or `undefined` for the home page.
 * @returns The text for `<title>`.
 */
export function pageTitle(preset?: PresetTitleSource): string {
  if (!preset) return HOME_TITLE;
  return `${preset.title} secret generator (${preset.env}) | ${SITE_NAME}`;
}

/**
 * The description of a preset's page.
 *
 * @param preset The preset, or `undefined` for the home page.
 * @returns The text for `<meta name="description">`.
 */
export function pageDescription(preset?: PresetTitleSource): string {
  if (!preset) return HOME_DESCRIPTION;
  return `Generate a ${preset.title} ${preset.env} value in your browser, in exactly ` +
    `the format ${preset.title} expects. The key never leaves the page.`;
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
