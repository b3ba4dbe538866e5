/**
 * Recognising what kind of key a string is: a provider's token, one of
 * keymint's presets, a structured keymint key, a JWT, a UUID or a PEM block.
 * The table lives in `kind_rows.ts` and `kind_rows_formats.ts`; this module matches against it. Every
 * shape is matched by index in one pass, so the cost is linear.
 *
 * @module
 */

import { measureText } from "./_alphabet.ts";
import { checksumOf } from "./checksum.ts";
import { matchesShape } from "./_shape.ts";
import { type KeyKind, PROVIDER_ROWS } from "./kind_rows.ts";
import { FORMAT_ROWS } from "./kind_rows_formats.ts";
import { parseStructuredKey } from "./structured.ts";

export type { KeyKind } from "./kind_rows.ts";
export type { CharClass, Run, Shape } from "./_shape.ts";

/**
 * Every recognised kind, most specific first. Each row has its provider,
 * type, prefix, shape, checksum scheme, documented entropy and source URL.
 *
 * @example Every row cites a source
 * ```ts
 * import { KEY_KINDS } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.ok(KEY_KINDS.length >= 25);
 * assert.ok(KEY_KINDS.every((kind) => kind.source.startsWith("https://")));
 * ```
 */
export const KEY_KINDS: readonly KeyKind[] = /* @__PURE__ */ PROVIDER_ROWS
  .concat(FORMAT_ROWS);

/**
 * keymint's own structured key, `{prefix}_{body}{checksum}` with a CRC-32
 * base62 checksum: recognised when the checksum matches, or for a prefix
 * the caller declares. Its prefix varies, so it has no fixed shape.
 */
export const KEYMINT_STRUCTURED: KeyKind = {
  id: "keymint-structured",
  provider: "keymint",
  type: "structured key (prefix, random body, CRC-32 checksum)",
  prefix: "",
  shape: [],
  checksum: "crc32-base62",
  bits: null,
  secret: true,
  note: "",
  source:
    "https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/",
};

/** What {@linkcode recogniseKind} finds. */
export interface KindMatch {
  /** The row that matched. */
  kind: KeyKind;
  /**
   * `valid`: the kind's checksum was confirmed. `invalid`: the kind always
   * carries one and it does not match. `none`: the kind has no checksum.
   */
  checksum: "valid" | "invalid" | "none";
  /** The prefix the value starts with (the row's, or the declared one). */
  prefix: string;
  /** The random part: after the prefix, without checksum characters. */
  body: string;
  /** The documented entropy of this value in bits, or null when unknown. */
  bits: number | null;
}

/** Options for {@linkcode recogniseKind}. */
export interface RecogniseOptions {
  /**
   * Prefixes (without their `_`) whose keys always carry a keymint checksum:
   * a key that starts with one and whose checksum fails is `invalid`.
   * @default []
   */
  prefixes?: readonly string[];
}

/**
 * Recognises the kind of a candidate string, and whether its checksum was
 * confirmed. Never a network call; linear in the length of the text.
 *
 * @param text The candidate: one whole value, nothing around it.
 * @param options Prefixes the caller declares as always checksummed.
 * @returns The kind and checksum state, or undefined when no kind matches.
 *
 * @example A GitHub token, a Stripe test key and a declared prefix
 * ```ts
 * import { recogniseKind } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const github = recogniseKind("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");
 * assert.equal(github?.kind.provider, "GitHub");
 * assert.equal(github?.checksum, "valid");
 * assert.equal(recogniseKind("ghp_pHVD1BNY5TOzXhPmOYb7brzB6w2LOe25LgEv")?.checksum, "invalid");
 * assert.equal(recogniseKind("sk_test_" + "a".repeat(24))?.kind.id, "stripe-secret-test");
 * assert.equal(recogniseKind("acme_abc123", { prefixes: ["acme"] })?.checksum, "invalid");
 * assert.equal(recogniseKind("hello"), undefined);
 * ```
 */
export function recogniseKind(
  text: string,
  options: RecogniseOptions = {},
): KindMatch | undefined {
  for (const kind of KEY_KINDS) {
    if (!text.startsWith(kind.prefix)) continue;
    const rest = text.slice(kind.prefix.length);
    if (!matchesShape(rest, kind.shape) || !canCarry(kind, rest)) continue;
    if (kind.checksum === null) {
      return {
        kind,
        checksum: "none",
        prefix: kind.prefix,
        body: rest,
        bits: bitsOf(kind, rest),
      };
    }
    const body = rest.slice(0, -6);
    return {
      kind,
      checksum: checksumOf(body) === rest.slice(-6) ? "valid" : "invalid",
      prefix: kind.prefix,
      body,
      bits: bitsOf(kind, body),
    };
  }
  const declared = (options.prefixes ?? []).find((prefix) =>
    text.startsWith(`${prefix}_`)
  );
  if (declared !== undefined) {
    const rest = text.slice(declared.length + 1);
    const valid = rest.length > 6 &&
      checksumOf(rest.slice(0, -6)) === rest.slice(-6);
    return {
      kind: KEYMINT_STRUCTURED,
      checksum: valid ? "valid" : "invalid",
      prefix: `${declared}_`,
      body: valid ? rest.slice(0, -6) : rest,
      bits: null,
    };
  }
  const parts = parseStructuredKey(text);
  if (parts?.valid === true) {
    return {
      kind: KEYMINT_STRUCTURED,
      checksum: "valid",
      prefix: `${parts.prefix}_`,
      body: parts.body,
      bits: null,
    };
  }
  return undefined;
}

/**
 * Whether `rest` could carry the kind's documented entropy: 86 digits have
 * the shape of a 512-bit base64url key but carry 285 bits at most, so they
 * are not one. The bound may fall a little short by chance (a base64url
 * value that avoids - and _), hence the tenth of slack.
 */
function canCarry(kind: KeyKind, rest: string): boolean {
  if (typeof kind.bits !== "number") return true;
  const body = kind.checksum === null ? rest : rest.slice(0, -6);
  return measureText(body).bits >= kind.bits * 0.9;
}

/** The documented bits of one value of `kind` whose body is `body`. */
function bitsOf(kind: KeyKind, body: string): number | null {
  if (kind.bits !== "decoded") return kind.bits;
  let chars = body.length;
  while (chars > 0 && body.charCodeAt(chars - 1) === 61) chars--;
  return Math.floor((chars * 6) / 8) * 8;
}
