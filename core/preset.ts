/**
 * Framework presets: the exact secret format each framework expects, with
 * the environment variable it reads and where the rule comes from.
 *
 * @module
 */

import { type ByteFormat, encodeBytes, encodedLength } from "./_encode.ts";
import { quoteValue } from "./_quote.ts";
import { type FormatName, FORMATS } from "./format.ts";
import type { RandomSource } from "./random.ts";
import { didYouMean } from "./suggest.ts";

/** One framework recipe. */
export interface Preset {
  /** The name used on the command line, in the API and in page URLs. */
  readonly name: string;
  /** The framework or standard, for people. */
  readonly title: string;
  /** What the value looks like, in words. */
  readonly output: string;
  /** The environment variable the framework reads the secret from. */
  readonly env: string;
  /** The documentation or source that sets the rule. */
  readonly source: string;
  /** The format of the random part. */
  readonly format: FormatName;
  /** The characters the random part is drawn from. */
  readonly alphabet: string;
  /** The entropy of one value, in bits. */
  readonly bits: number;
  /** The number of characters in one whole value. */
  readonly length: number;
}

/** How the random part of a preset is made. */
type Recipe =
  | { lead: string; bytes: number; encoding: ByteFormat; urlSafePadded?: true }
  | { lead: string; alphabet: string; chars: number };

interface Row {
  name: string;
  title: string;
  output: string;
  env: string;
  source: string;
  recipe: Recipe;
}

const DJANGO_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)";

const ROWS: readonly Row[] = [
  {
    name: "laravel",
    title: "Laravel",
    output: '"base64:" followed by the base64 of 32 random bytes',
    env: "APP_KEY",
    source: "https://laravel.com/docs/12.x/encryption#configuration",
    recipe: { lead: "base64:", bytes: 32, encoding: "base64" },
  },
  {
    name: "django",
    title: "Django",
    output: "50 characters from a-z, 0-9 and !@#$%^&*(-_=+)",
    env: "SECRET_KEY",
    source: "https://docs.djangoproject.com/en/5.2/ref/settings/#secret-key",
    recipe: { lead: "", alphabet: DJANGO_ALPHABET, chars: 50 },
  },
  {
    name: "rails",
    title: "Ruby on Rails secret_key_base",
    output: "128 hex characters (64 bytes), like bin/rails secret",
    env: "SECRET_KEY_BASE",
    source:
      "https://api.rubyonrails.org/classes/Rails/Application.html#method-i-secret_key_base",
    recipe: { lead: "", bytes: 64, encoding: "hex" },
  },
  {
    name: "rails-master-key",
    title: "Ruby on Rails master key",
    output: "32 hex characters (16 bytes)",
    env: "RAILS_MASTER_KEY",
    source: "https://guides.rubyonrails.org/security.html#custom-credentials",
    recipe: { lead: "", bytes: 16, encoding: "hex" },
  },
  {
    name: "authjs",
    title: "Auth.js / NextAuth.js",
    output: "base64 of 32 random bytes, like npx auth secret",
    env: "AUTH_SECRET",
    source: "https://authjs.dev/getting-started/deployment#auth_secret",
    recipe: { lead: "", bytes: 32, encoding: "base64" },
  },
  {
    name: "fernet",
    title: "Fernet (Python cryptography)",
    output: "URL-safe base64 of 32 random bytes, with = padding",
    env: "FERNET_KEY",
    source:
      "https://cryptography.io/en/latest/fernet/#cryptography.fernet.Fernet.generate_key",
    recipe: { lead: "", bytes: 32, encoding: "base64", urlSafePadded: true },
  },
  {
    name: "symfony",
    title: "Symfony",
    output: "32 hex characters (16 bytes)",
    env: "APP_SECRET",
    source:
      "https://symfony.com/doc/current/reference/configuration/framework.html#secret",
    recipe: { lead: "", bytes: 16, encoding: "hex" },
  },
  {
    name: "phoenix",
    title: "Phoenix secret_key_base",
    output: "64 base64 characters (48 bytes), like mix phx.gen.secret",
    env: "SECRET_KEY_BASE",
    source: "https://hexdocs.pm/phoenix/Mix.Tasks.Phx.Gen.Secret.html",
    recipe: { lead: "", bytes: 48, encoding: "base64" },
  },
  {
    name: "flask",
    title: "Flask",
    output: "64 hex characters (32 bytes), like secrets.token_hex()",
    env: "SECRET_KEY",
    source: "https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY",
    recipe: { lead: "", bytes: 32, encoding: "hex" },
  },
  ...([["256", 32], ["384", 48], ["512", 64]] as const).map((
    [size, bytes],
  ) => ({
    name: `jwt-hs${size}`,
    title: `JWT HS${size}`,
    output:
      `base64url of ${bytes} random bytes, the RFC 7518 minimum for HS${size}`,
    env: "JWT_SECRET",
    source: "https://www.rfc-editor.org/rfc/rfc7518#section-3.2",
    recipe: { lead: "", bytes, encoding: "base64url" as const },
  })),
  {
    name: "standard-webhooks",
    title: "Standard Webhooks",
    output: '"whsec_" followed by the base64 of 32 random bytes',
    env: "WEBHOOK_SECRET",
    source:
      "https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md",
    recipe: { lead: "whsec_", bytes: 32, encoding: "base64" },
  },
  {
    name: "github-webhook",
    title: "GitHub webhook secret",
    output: "64 hex characters (32 bytes)",
    env: "GITHUB_WEBHOOK_SECRET",
    source:
      "https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries",
    recipe: { lead: "", bytes: 32, encoding: "hex" },
  },
  ...([["256", 32], ["128", 16]] as const).map(([size, bytes]) => ({
    name: `aes-${size}`,
    title: `AES-${size} key`,
    output: `base64 of ${bytes} random bytes`,
    env: "ENCRYPTION_KEY",
    source: "https://csrc.nist.gov/pubs/fips/197/final",
    recipe: { lead: "", bytes, encoding: "base64" as const },
  })),
];

function describe(row: Row): Preset {
  const recipe = row.recipe;
  if ("alphabet" in recipe) {
    return {
      name: row.name,
      title: row.title,
      output: row.output,
      env: row.env,
      source: row.source,
      format: "custom",
      alphabet: recipe.alphabet,
      bits: Math.floor(recipe.chars * Math.log2(recipe.alphabet.length)),
      length: recipe.lead.length + recipe.chars,
    };
  }
  const format: FormatName = recipe.urlSafePadded
    ? "base64url"
    : recipe.encoding;
  return {
    name: row.name,
    title: row.title,
    output: row.output,
    env: row.env,
    source: row.source,
    format,
    alphabet: FORMATS.find((info) => info.name === format)!.alphabet,
    bits: recipe.bytes * 8,
    length: recipe.lead.length + encodedLength(recipe.encoding, recipe.bytes),
  };
}

/**
 * Every preset, in the order the CLI lists them.
 *
 * @example Find the Laravel recipe
 * ```ts
 * import { PRESETS } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const laravel = PRESETS.find((preset) => preset.name === "laravel");
 * assert.equal(laravel?.env, "APP_KEY");
 * ```
 */
export const PRESETS: readonly Preset[] = ROWS.map(describe);

const RECIPES = new Map(ROWS.map((row) => [row.name, row.recipe]));

/**
 * Looks a preset up by name, ignoring case.
 *
 * @param name A preset name such as `"django"`.
 * @returns The preset.
 * @throws {RangeError} When there is no such preset.
 *
 * @example
 * ```ts
 * import { findPreset } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.equal(findPreset("rails").length, 128);
 * ```
 */
export function findPreset(name: string): Preset {
  const wanted = name.toLowerCase();
  const found = PRESETS.find((preset) => preset.name === wanted);
  if (found === undefined) {
    const names = PRESETS.map((preset) => preset.name);
    throw new RangeError(
      `Cannot use preset ${quoteValue(name)}: unknown preset${
        didYouMean(wanted, names)
      }; run "keymint preset" to list them`,
    );
  }
  return found;
}

/**
 * Makes one value of a preset. `sample` draws characters from an alphabet
 * without bias; it is passed in so this table stays free of sampling logic.
 */
export function presetValue(
  name: string,
  random: RandomSource,
  sample: (alphabet: string, chars: number) => string,
): string {
  const recipe = RECIPES.get(name);
  if (recipe === undefined) {
    throw new RangeError(
      `Cannot use preset ${quoteValue(name)}: unknown preset`,
    );
  }
  if ("alphabet" in recipe) {
    return recipe.lead + sample(recipe.alphabet, recipe.chars);
  }
  let body = encodeBytes(recipe.encoding, random(new Uint8Array(recipe.bytes)));
  if (recipe.urlSafePadded) {
    body = body.replaceAll("+", "-").replaceAll("/", "_");
  }
  return recipe.lead + body;
}
