/**
 * The key kinds the offline scan looks for besides declared prefixes: the
 * scan's narrow view of the recognised kinds.
 *
 * @module
 */

import { BASE62_ALPHABET } from "./format.ts";
import type { KeyShape } from "./rules_shape.ts";

/** How sure a finding is. */
export type Confidence = "confirmed" | "high" | "medium";

/** One kind of key the scan recognises by a literal lead and a fixed shape. */
export interface ScanKind {
  /** A stable id, such as `github-classic-pat`. */
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

const UPPER_DIGITS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function github(id: string, lead: string, what: string): ScanKind {
  return {
    id,
    name: `GitHub ${what}`,
    lead,
    alphabet: BASE62_ALPHABET,
    minBody: 30,
    maxBody: 30,
    padding: 0,
    checksum: true,
    confidence: "confirmed",
    source:
      "https://github.blog/engineering/platform-security/behind-githubs-new-authentication-token-formats/",
  };
}

/**
 * The well-known kinds: GitHub's and npm's checksummed tokens (confirmed by
 * their CRC-32 before they are reported) and a few others with a distinctive
 * lead, reported with a lower confidence.
 *
 * @example
 * ```ts
 * import { SCAN_KINDS } from "@keymint/core";
 * import assert from "node:assert/strict";
 *
 * assert.ok(SCAN_KINDS.some((kind) => kind.lead === "npm_" && kind.checksum));
 * ```
 */
export const SCAN_KINDS: readonly ScanKind[] = Object.freeze([
  github("github-classic-pat", "ghp_", "personal access token (classic)"),
  github("github-oauth", "gho_", "OAuth access token"),
  github("github-user-to-server", "ghu_", "user-to-server token"),
  github("github-server-to-server", "ghs_", "server-to-server token"),
  github("github-refresh", "ghr_", "refresh token"),
  {
    id: "npm-access-token",
    name: "npm access token",
    lead: "npm_",
    alphabet: BASE62_ALPHABET,
    minBody: 30,
    maxBody: 30,
    padding: 0,
    checksum: true,
    confidence: "confirmed",
    source:
      "https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/",
  },
  {
    id: "stripe-secret-key",
    name: "Stripe live secret key",
    lead: "sk_live_",
    alphabet: BASE62_ALPHABET,
    minBody: 24,
    maxBody: 247,
    padding: 0,
    checksum: false,
    confidence: "high",
    source: "https://docs.stripe.com/keys",
  },
  {
    id: "aws-access-key-id",
    name: "AWS access key ID",
    lead: "AKIA",
    alphabet: UPPER_DIGITS,
    minBody: 16,
    maxBody: 16,
    padding: 0,
    checksum: false,
    confidence: "medium",
    source:
      "https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds-programmatic-access.html",
  },
]);

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
