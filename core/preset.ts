/**
 * Framework presets: the exact secret format each framework expects, with
 * the environment variable it reads and where the rule comes from.
 *
 * A preset is not an engine of its own: each row is an ordinary key
 * request (a format and a size, or a custom alphabet and a length) plus a
 * literal lead such as Laravel's `base64:`. `parseKeySpec` turns a preset
 * into a spec like any other, and the normal generators make it.
 *
 * @module
 */

import { type ByteEncoding, encodedLength, isPadded } from "./_encode.ts";
import { quoteValue } from "./_quote.ts";
import { type FormatName, formatRow } from "./format.ts";
import { didYouMean } from "./suggest.ts";

/** One framework preset, as listed. */
export interface Preset {
  /** The name used on the command line, in the API and in page URLs. */
  readonly name: PresetName;
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

/** The name of a preset, for autocompletion; any case is accepted at run time. */
export type PresetName =
  | "laravel"
  | "django"
  | "rails"
  | "rails-master-key"
  | "authjs"
  | "fernet"
  | "symfony"
  | "phoenix"
  | "flask"
  | "jwt-hs256"
  | "jwt-hs384"
  | "jwt-hs512"
  | "standard-webhooks"
  | "github-webhook"
  | "aes-256"
  | "aes-128";

/**
 * A row of the table: the request that makes a preset: after a literal
 * `lead`, `size` random bytes written in a byte encoding, or, for
 * `custom`, `size` characters of the row's own alphabet.
 */
export type PresetRow = readonly [
  name: PresetName,
  lead: string,
  body: ByteEncoding | "custom",
  size: number,
  alphabet?: string,
];

// Each row was checked against its framework's generator source; the
// comment names the line that sets the rule. Rows are tuples so that a
// bundle that makes keys pays little for the table.
const ROWS = [
  // Illuminate KeyGenerateCommand: 'base64:'.base64_encode(random_bytes(32))
  ["laravel", "base64:", "base64", 32],
  // django.core.management.utils.get_random_secret_key: 50 of these chars
  [
    "django",
    "",
    "custom",
    50,
    "abcdefghijklmnopqrstuvwxyz0123456789!@#$%^&*(-_=+)",
  ],
  // railties secret_command.rb: puts SecureRandom.hex(64)
  ["rails", "", "hex", 64],
  // ActiveSupport::EncryptedFile.generate_key: hex of aes-128-gcm's 16
  ["rails-master-key", "", "hex", 16],
  // @auth/cli secret: base64 of crypto.getRandomValues(new Uint8Array(32))
  ["authjs", "", "base64", 32],
  // cryptography Fernet.generate_key: base64.urlsafe_b64encode(os.urandom(32))
  ["fernet", "", "base64url-padded", 32],
  // symfony/flex %generate(secret)%: bin2hex(random_bytes(16))
  ["symfony", "", "hex", 16],
  // mix phx.gen.secret: 64 characters of base64 of strong_rand_bytes(64)
  ["phoenix", "", "base64", 48],
  // Flask's docs: python -c 'import secrets; print(secrets.token_hex())'
  ["flask", "", "hex", 32],
  ["jwt-hs256", "", "base64url", 32],
  ["jwt-hs384", "", "base64url", 48],
  ["jwt-hs512", "", "base64url", 64],
  ["standard-webhooks", "whsec_", "base64", 32],
  ["github-webhook", "", "hex", 32],
  ["aes-256", "", "base64", 32],
  ["aes-128", "", "base64", 16],
] as const satisfies readonly PresetRow[];

// Every name of the union has a row (a missing one fails to compile here).
const _complete: Record<PresetName, true> = {} as {
  [name in (typeof ROWS)[number][0]]: true;
};

// The variable each framework reads, row by row (the tests check each
// preset's), apart from the rows: every spec of a preset names it, but a
// bundle that only makes keys leaves it out.
const ENV = [
  "APP_KEY", // laravel
  "SECRET_KEY", // django
  "SECRET_KEY_BASE", // rails
  "RAILS_MASTER_KEY", // rails-master-key
  "AUTH_SECRET", // authjs
  "FERNET_KEY", // fernet
  "APP_SECRET", // symfony
  "SECRET_KEY_BASE", // phoenix
  "SECRET_KEY", // flask
  "JWT_SECRET", // jwt-hs256
  "JWT_SECRET", // jwt-hs384
  "JWT_SECRET", // jwt-hs512
  "WEBHOOK_SECRET", // standard-webhooks
  "GITHUB_WEBHOOK_SECRET", // github-webhook
  "ENCRYPTION_KEY", // aes-256
  "ENCRYPTION_KEY", // aes-128
] as const satisfies { length: (typeof ROWS)["length"] };

/**
 * The environment variable a preset's framework reads its secret from.
 *
 * @param name The canonical name of a row, as a spec's `preset` holds it.
 * @returns The variable; undefined for no preset.
 */
export function presetEnv(name: string | undefined): string | undefined {
  return ENV[ROWS.findIndex((row) => row[0] === name)];
}

const JWT_SOURCE = "https://www.rfc-editor.org/rfc/rfc7518#section-3.2";
const AES_SOURCE = "https://csrc.nist.gov/pubs/fips/197/final";

// The prose of each preset, apart from the engine's rows so that a bundle
// that only makes keys leaves it out.
const INFO: Readonly<
  Record<PresetName, { title: string; output: string; source: string }>
> = {
  "laravel": {
    title: "Laravel",
    output: '"base64:" followed by the base64 of 32 random bytes',
    source: "https://laravel.com/docs/12.x/encryption#configuration",
  },
  "django": {
    title: "Django",
    output: "50 characters from a-z, 0-9 and !@#$%^&*(-_=+)",
    source: "https://docs.djangoproject.com/en/5.2/ref/settings/#secret-key",
  },
  "rails": {
    title: "Ruby on Rails secret_key_base",
    output: "128 hex characters (64 bytes), like bin/rails secret",
    source:
      "https://github.com/rails/rails/blob/main/railties/lib/rails/commands/secret/secret_command.rb",
  },
  "rails-master-key": {
    title: "Ruby on Rails master key",
    output: "32 hex characters (16 bytes), like config/master.key",
    source: "https://guides.rubyonrails.org/security.html#custom-credentials",
  },
  "authjs": {
    title: "Auth.js / NextAuth.js",
    output: "base64 of 32 random bytes, like npx auth secret",
    source: "https://authjs.dev/getting-started/deployment#auth_secret",
  },
  "fernet": {
    title: "Fernet (Python cryptography)",
    output:
      "URL-safe base64 of 32 random bytes, with = padding, like Fernet.generate_key()",
    source:
      "https://cryptography.io/en/latest/fernet/#cryptography.fernet.Fernet.generate_key",
  },
  "symfony": {
    title: "Symfony",
    output: "32 hex characters (16 bytes), like Symfony Flex writes to .env",
    source:
      "https://symfony.com/doc/current/reference/configuration/framework.html#secret",
  },
  "phoenix": {
    title: "Phoenix secret_key_base",
    output: "64 base64 characters (48 bytes), like mix phx.gen.secret",
    source: "https://hexdocs.pm/phoenix/Mix.Tasks.Phx.Gen.Secret.html",
  },
  "flask": {
    title: "Flask",
    output: "64 hex characters (32 bytes), like secrets.token_hex()",
    source: "https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY",
  },
  "jwt-hs256": {
    title: "JWT HS256",
    output: "base64url of 32 random bytes, the RFC 7518 minimum for HS256",
    source: JWT_SOURCE,
  },
  "jwt-hs384": {
    title: "JWT HS384",
    output: "base64url of 48 random bytes, the RFC 7518 minimum for HS384",
    source: JWT_SOURCE,
  },
  "jwt-hs512": {
    title: "JWT HS512",
    output: "base64url of 64 random bytes, the RFC 7518 minimum for HS512",
    source: JWT_SOURCE,
  },
  "standard-webhooks": {
    title: "Standard Webhooks",
    output: '"whsec_" followed by the base64 of 32 random bytes',
    source:
      "https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md",
  },
  "github-webhook": {
    title: "GitHub webhook secret",
    output: "64 hex characters (32 bytes)",
    source:
      "https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries",
  },
  "aes-256": {
    title: "AES-256 key",
    output: "base64 of 32 random bytes",
    source: AES_SOURCE,
  },
  "aes-128": {
    title: "AES-128 key",
    output: "base64 of 16 random bytes",
    source: AES_SOURCE,
  },
};

/**
 * Finds a preset's row by name, ignoring case, with the library's message
 * for an unknown one.
 *
 * @param suggest Adds a "did you mean" to that message, as in `formatRow`.
 * @throws {RangeError} When there is no such preset.
 */
export function presetRow(
  name: string,
  suggest?: typeof didYouMean,
): PresetRow {
  const wanted = name.toLowerCase();
  const row = (ROWS as readonly PresetRow[]).find((row) => row[0] === wanted);
  if (row === undefined) {
    const names = ROWS.map((row) => row[0]);
    throw new RangeError(
      `Cannot use preset ${quoteValue(name)}: unknown preset${
        suggest?.(wanted, names) ?? ""
      }; the presets are ${names.join(", ")}`,
    );
  }
  return row;
}

/** The format a body is listed under: its encoding's format, or custom. */
export function presetFormat(body: PresetRow[2]): FormatName {
  return body === "base64url-padded" ? "base64url" : body;
}

function describe(row: PresetRow): Preset {
  const [name, lead, body, size, own = ""] = row;
  const info = INFO[name];
  const format = presetFormat(body);
  const sampled = body === "custom";
  const alphabet = sampled ? own : formatRow(format).alphabet;
  return {
    name,
    title: info.title,
    output: info.output,
    env: presetEnv(name)!,
    source: info.source,
    format,
    alphabet,
    bits: sampled
      ? Math.floor(size * Math.log2(Array.from(own).length))
      : size * 8,
    length: lead.length +
      (sampled
        ? size
        : encodedLength(size, Math.log2(alphabet.length), isPadded(body))),
  };
}

/**
 * Every preset, in the order the CLI lists them.
 *
 * @example Find the Laravel preset
 * ```ts
 * import { PRESETS } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const laravel = PRESETS.find((preset) => preset.name === "laravel");
 * assert.equal(laravel?.env, "APP_KEY");
 * ```
 */
export const PRESETS: readonly Preset[] = /* @__PURE__ */ ROWS.map(describe);

/**
 * Looks a preset up by name, ignoring case.
 *
 * @param name A preset name such as `"django"`.
 * @returns The preset.
 * @throws {RangeError} When there is no such preset; the message suggests
 * a close name.
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
  return describe(presetRow(name, didYouMean));
}
