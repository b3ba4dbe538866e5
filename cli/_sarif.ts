/**
 * Scan findings as SARIF 2.1.0, in the shape GitHub code scanning accepts
 * for upload (`github/codeql-action/upload-sarif`).
 *
 * @module
 */

import type { Finding } from "@keymint/core";
import { VERSION } from "./version.ts";

/** A finding and where it was. */
export interface LocatedFinding extends Finding {
  /** The file, `stdin`, or a path in git history. */
  readonly file: string;
  /** For a finding in git history: the blob's object id. */
  readonly blob?: string;
}

/**
 * Builds the SARIF log: one run, one rule per kind found, one result per
 * finding. The key itself never appears; `partialFingerprints` carries its
 * SHA-256 so GitHub tracks one alert per key across commits.
 */
export function sarifLog(findings: readonly LocatedFinding[]): unknown {
  const rules: { id: string; name: string }[] = [];
  const index = new Map<string, number>();
  for (const finding of findings) {
    if (!index.has(finding.kind)) {
      index.set(finding.kind, rules.length);
      rules.push({ id: finding.kind, name: finding.name });
    }
  }
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [{
      tool: {
        driver: {
          name: "keymint",
          version: VERSION,
          informationUri: "https://github.com/keymint/keymint",
          rules: rules.map((rule) => ({
            id: rule.id,
            name: rule.id.replace(
              /(^|-)([a-z0-9])/g,
              (_, _d, c: string) => c.toUpperCase(),
            ),
            shortDescription: { text: `A leaked ${rule.name}` },
            fullDescription: {
              text:
                `A ${rule.name} was found in the scanned text. Rotate it: revoke the key, issue a new one, and remove it from history.`,
            },
            defaultConfiguration: { level: "error" },
            properties: {
              tags: ["security", "secret"],
              "security-severity": "9.0",
            },
          })),
        },
      },
      columnKind: "utf16CodeUnits",
      results: findings.map((finding) => ({
        ruleId: finding.kind,
        ruleIndex: index.get(finding.kind)!,
        level: "error",
        message: {
          text: `${finding.name} ${finding.masked} (${finding.confidence})`,
        },
        locations: [{
          physicalLocation: {
            artifactLocation: { uri: fileUri(finding.file) },
            region: {
              startLine: finding.line,
              startColumn: finding.column,
              endLine: finding.line,
              endColumn: finding.column + finding.length,
            },
          },
        }],
        partialFingerprints: { "keymintKeySha256/v1": finding.fingerprint },
        properties: {
          confidence: finding.confidence,
          ...(finding.blob === undefined ? {} : { gitBlob: finding.blob }),
        },
      })),
    }],
  };
}

/** A relative URI reference for a path: `./` dropped, each part escaped. */
function fileUri(path: string): string {
  const parts = path.replace(/^(\.\/)+/, "").split("/");
  return parts.map((part) => encodeURIComponent(part)).join("/");
}
