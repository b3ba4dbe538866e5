/**
 * `keymint inspect` for signing-key material (a PEM block, a JWK or a
 * JWKS): the report of `inspectKeyMaterial`, which never holds private
 * members.
 *
 * @module
 */

import { inspectKeyMaterial } from "@keymint/core";
import type { RunIo } from "./io.ts";
import { writeReport } from "./_message.ts";
import { writeJson } from "./_output.ts";

const FORM_NAMES = {
  pkcs8: "PEM, PKCS#8 private key",
  spki: "PEM, SPKI public key",
  jwk: "JWK",
  jwks: "JWKS",
} as const;

/**
 * Inspects `text` and writes the report on stdout: rows, or one JSON
 * object with `--json`.
 *
 * @param text The key material read from stdin.
 * @param json Whether to write JSON.
 * @param io Where stdout is.
 * @returns The exit code, 0.
 */
export async function reportKeyMaterial(
  text: string,
  json: boolean,
  io: RunIo,
): Promise<number> {
  const report = await inspectKeyMaterial(text);
  if (json) {
    await writeJson(io, report);
    return 0;
  }
  const count = report.form === "jwks" ? `, ${report.keys.length} keys` : "";
  const rows: [string, string][] = [["form", FORM_NAMES[report.form] + count]];
  for (const [index, key] of report.keys.entries()) {
    const label = report.keys.length > 1 ? `key ${index + 1}` : "key";
    rows.push(
      [
        label,
        `${key.kind}, ${key.bits} bits, ${key.private ? "private" : "public"}`,
      ],
      ["  alg", key.alg ?? "none"],
      ["  kid", key.kid ?? "none"],
      ["  thumbprint", key.thumbprint],
    );
  }
  await writeReport(io, rows, report.warnings);
  return 0;
}
