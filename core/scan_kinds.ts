/**
 * The key kinds the offline scan looks for besides declared prefixes: the
 * scan's narrow view of the recognised kinds.
 *
 * @module
 */

import { type CharClass, inClass } from "./_shape.ts";
import { KEY_KINDS, type KeyKind } from "./kinds.ts";
import type { KeyShape } from "./rules_shape.ts";

/** How sure a finding is. */
export type Confidence = "confirmed" | "high" | "medium";

/** One kind of key the scan recognises by a literal lead and a fixed shape. */
export interface ScanKind {
  /** A stable id, such as `github-pat-classic`. */
  readonly id: string;
  /** Who issues it and what it is. */
  readonly name: string;
  /** The literal start, such as `ghp_`. */
  readonly lead: string;
  /** The characters after the lead (before any checksum). */
  readonly alphabet: string;
  /** Characters after the lead, before the checksum: min and max. */
  readonly minBody: number;
  /** The longest body. */
  readonly maxBody: number;
  /** `=` padding after the body. */
  readonly padding: number;
  /**
   * Whether the last six characters are the CRC-32 base62 of the body;
   * findings whose checksum fails are dropped.
   */
  readonly checksum: boolean;
  /** Reported confidence when found (checksummed kinds: `confirmed`). */
  readonly confidence: Confidence;
  /** Where the format is documented. */
  readonly source: string;
}

/**
 * The characters of a run class, read from the shared class test so the
 * two never disagree (printable ASCII: every provider shape is ASCII).
 */
function classChars(chars: CharClass): string {
  let out = "";
  for (let c = 33; c < 127; c++) {
    if (inClass(chars, c)) out += String.fromCharCode(c);
  }
  return out;
}

/**
 * A row of the recognised-kinds table as a scan kind, when it is a secret
 * whose shape is one run after a literal lead of at least four characters.
 * Rows with multi-part shapes (fine-grained GitHub tokens, Slack webhook
 * URLs, JWTs) are left to inspect.
 */
function fromKind(kind: KeyKind): ScanKind | undefined {
  const run = kind.shape[0];
  if (
    !kind.secret || kind.prefix.length < 4 || kind.shape.length !== 1 ||
    run === undefined || typeof run === "string"
  ) return undefined;
  const sum = kind.checksum === null ? 0 : 6;
  return {
    id: kind.id,
    name: `${kind.provider} ${kind.type}`,
    lead: kind.prefix,
    alphabet: classChars(run.chars),
    minBody: run.min - sum,
    maxBody: run.max - sum,
    padding: 0,
    checksum: sum > 0,
    confidence: sum > 0
      ? "confirmed"
      : kind.prefix.length >= 6
      ? "high"
      : "medium",
    source: kind.source,
  };
}

/**
 * The well-known kinds, taken from the recognised-kinds table
 * (`KEY_KINDS`): GitHub's and npm's checksummed tokens, confirmed by their
 * CRC-32 before they are reported, and the other secret tokens with a
 * literal lead and a one-run shape (Stripe, GitLab, Docker, AWS, ...),
 * reported with a lower confidence.
 *
 * @example
 * ```ts
 * import { SCAN_KINDS } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.ok(SCAN_KINDS.some((kind) => kind.lead === "npm_" && kind.checksum));
 * assert.ok(SCAN_KINDS.some((kind) => kind.lead === "ghp_" && kind.checksum));
 * ```
 */
export const SCAN_KINDS: readonly ScanKind[] =
  /* @__PURE__ */ (() =>
    Object.freeze(
      KEY_KINDS.map(fromKind).filter((kind) => kind !== undefined),
    ))();

/**
 * The scan kind of a declared keymint key shape.
 *
 * @param shape The shape of keys a prefix makes.
 * @returns Its row, confirmed by checksum when the shape has one.
 *
 * @example
 * ```ts
 * import { keyShapeOf, parseKeySpec, shapeKind } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * const kind = shapeKind(keyShapeOf(parseKeySpec({ prefix: "acme" })));
 * assert.equal(kind.id, "keymint-acme");
 * assert.equal(kind.confidence, "confirmed");
 * ```
 */
export function shapeKind(shape: KeyShape): ScanKind {
  const prefix = shape.lead.slice(0, -1);
  return {
    id: `keymint-${prefix.replaceAll("_", "-")}`,
    name: `${prefix}_ key (keymint)`,
    lead: shape.lead,
    alphabet: shape.alphabet,
    minBody: shape.bodyLength,
    maxBody: shape.bodyLength,
    padding: shape.padding,
    checksum: shape.checksum,
    confidence: shape.checksum ? "confirmed" : "high",
    source: "keymint rules",
  };
}
