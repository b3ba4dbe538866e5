/**
 * The "Flags:" part of each command's help, rendered from its flag table,
 * so the help, the completions and the man page cannot disagree.
 *
 * @module
 */

import type { FlagSpec, FlagTable } from "./_args.ts";

/** `-h, --help`, which `run()` handles for every command. */
export const HELP_FLAG = {
  help: { type: "boolean", short: "h", summary: "this help" },
} as const satisfies FlagTable;

/** The longest left column before summaries start on the next line. */
const MAX_LEFT = 24;

/**
 * The flag lines of a help text: `  -n, --count N   how many ...`, one per
 * flag in table order, then `-h, --help`; a summary with `\n` continues on
 * indented lines.
 *
 * @param flags The command's flag table.
 * @returns The lines, each ending in a newline.
 */
export function flagHelp(flags: FlagTable): string {
  const rows = Object.entries({ ...flags, ...HELP_FLAG }).map((
    [name, spec],
  ) => [flagUsage(name, spec), spec.summary ?? ""] as const);
  const width = Math.min(
    MAX_LEFT,
    Math.max(...rows.map(([left]) => left.length)),
  ) + 2;
  return rows.map(([left, summary]) => {
    const [first = "", ...more] = summary.split("\n");
    const head = left.length + 2 > width
      ? `${left}\n${" ".repeat(width)}${first}`
      : `${left.padEnd(width)}${first}`;
    return [head, ...more.map((line) => " ".repeat(width) + line)].join("\n")
      .trimEnd() + "\n";
  }).join("");
}

/** `  -n, --count N` or `      --json`. */
export function flagUsage(name: string, spec: FlagSpec): string {
  const short = spec.short === undefined ? "    " : `-${spec.short}, `;
  const value = spec.type === "string"
    ? spec.optionalValue === undefined
      ? ` ${spec.placeholder ?? "VALUE"}`
      : ` [${spec.placeholder ?? "VALUE"}]`
    : "";
  return `  ${short}--${name}${value}`;
}
