/**
 * The flags of `keymint webhook sign` and `verify`, and the scheme part of
 * its help, all built from core's scheme table.
 *
 * @module
 */

import { WEBHOOK_SCHEMES, type WebhookSchemeInfo } from "@keymint/core";
import type { FlagTable } from "./_args.ts";

export const SCHEME_NAMES = WEBHOOK_SCHEMES.map((scheme) => scheme.name);

/** "a, b or c" */
export function listed(words: readonly string[]): string {
  return words.length < 2
    ? words.join("")
    : `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

const namesWhere = (test: (scheme: WebhookSchemeInfo) => boolean) =>
  listed(WEBHOOK_SCHEMES.filter(test).map((scheme) => scheme.name));

export const SHARED_FLAGS = {
  scheme: {
    type: "string",
    placeholder: "S",
    complete: SCHEME_NAMES,
    summary: listed(SCHEME_NAMES),
  },
  "secret-file": {
    type: "string",
    multiple: true,
    placeholder: "F",
    complete: "file",
    summary: "the file holding the secret (repeat during a rotation)",
  },
} as const satisfies FlagTable;

export const SIGN_FLAGS = {
  ...SHARED_FLAGS,
  id: {
    type: "string",
    placeholder: "ID",
    summary: `${
      namesWhere((s) => s.signsId)
    }: the message id (default msg_ + 32 random hex)`,
  },
  timestamp: {
    type: "string",
    placeholder: "T",
    summary: `${namesWhere((s) => s.timestamped)}: Unix seconds (default now)`,
  },
  json: {
    type: "boolean",
    summary: 'one JSON object {"scheme", "headers": {name: value}}',
  },
} as const satisfies FlagTable;

export const VERIFY_FLAGS = {
  ...SHARED_FLAGS,
  header: {
    type: "string",
    multiple: true,
    placeholder: '"N: v"',
    summary: "a header as received (repeat for each one)",
  },
  tolerance: {
    type: "string",
    placeholder: "SECONDS",
    summary: "how far the timestamp may be from now (default 300)",
  },
  now: {
    type: "string",
    placeholder: "T",
    summary:
      "check the timestamp against Unix time T, to replay\na recorded delivery",
  },
  json: {
    type: "boolean",
    summary:
      'one JSON object {"ok", "scheme", ...} on stdout (the\nreason and message when invalid), no line on stderr',
  },
} as const satisfies FlagTable;

/** Wraps `text` to lines of at most `width` characters after `indent`. */
function wrap(text: string, indent: number, width = 76): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line !== "" && indent + line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines.join(`\n${" ".repeat(indent)}`);
}

export const SCHEME_HELP = WEBHOOK_SCHEMES.map((scheme) =>
  `  ${scheme.name.padEnd(11)}${
    wrap(
      `${scheme.title}: ${scheme.headers.join(", ")}. ${scheme.summary}. ` +
        `Secret: ${scheme.secretForm}.`,
      13,
    )
  }\n`
).join("");
