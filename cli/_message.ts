/**
 * Messages on stderr: usage errors, warnings, and the colour rule.
 *
 * @module
 */

import { quoteValue } from "@keymint/core/faces";
import type { OutputSink, RunIo } from "./io.ts";

/**
 * A usage error found by the command line itself (a flag, an argument, an
 * unreadable stdin), as opposed to one from the core's validator. It is a
 * `TypeError` so that `run()` treats both alike; `hint` replaces the default
 * hint line.
 */
export class UsageError extends TypeError {
  /** The second stderr line, or `undefined` for the default one. */
  readonly hint: string | undefined;

  /** Creates the error with its message and an optional hint. */
  constructor(message: string, hint?: string) {
    super(message);
    this.name = "UsageError";
    this.hint = hint;
  }
}

/**
 * A command that ran and failed (exit 1), as opposed to bad input (exit 2):
 * a value already set without `--force`, a file or stream that cannot be
 * written. `run()` writes `keymint: <message>` and, if any, `hint: <hint>`.
 */
export class CommandFailed extends Error {
  /** The second stderr line, or `undefined` for none. */
  readonly hint: string | undefined;

  /** Creates the error with its message and an optional hint. */
  constructor(message: string, hint?: string) {
    super(message);
    this.name = "CommandFailed";
    this.hint = hint;
  }
}

/**
 * Quotes a user's argument for a message by the core's one rule
 * (`quoteValue`): JSON-quoted, cut to 12 characters plus `...` (it may be
 * a pasted key, or 10 MB; only the first 13 code points are read), and no
 * control character left raw.
 */
export function quoteArgument(value: string): string {
  return quoteValue(value);
}

/**
 * Writes C0 controls, DEL and C1 controls as `\uXXXX`: terminals act on
 * them (ESC starts a sequence; U+009B is a one-character CSI).
 */
function escapeControls(text: string): string {
  return text.replace(
    // deno-lint-ignore no-control-regex
    /[\x00-\x1f\x7f-\x9f]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/**
 * Whether stderr may carry colour and animation: a terminal, no `NO_COLOR`,
 * and a `TERM` other than `dumb` (which cannot move the cursor or colour).
 */
export function stderrIsLively(io: RunIo): boolean {
  return io.stderrIsTerminal && !io.env("NO_COLOR") &&
    io.env("TERM") !== "dumb";
}

const encoder = new TextEncoder();

/** Writes `text` as UTF-8. */
export async function writeText(sink: OutputSink, text: string): Promise<void> {
  await sink.write(encoder.encode(text));
}

/**
 * Writes the two lines of a usage error: `keymint: <message>` and
 * `hint: <hint>`.
 */
export async function writeUsageError(
  io: RunIo,
  message: string,
  hint: string,
): Promise<void> {
  const [name, label] = stderrIsLively(io)
    ? ["\x1b[1;31mkeymint:\x1b[0m", "\x1b[2mhint:\x1b[0m"]
    : ["keymint:", "hint:"];
  await writeText(io.stderr, `${name} ${oneLine(message)}\n${label} ${hint}\n`);
}

/** How warnings are written. */
export interface WarningOptions {
  /** `-q`/`--quiet`: write none. */
  readonly quiet?: boolean | undefined;
}

/**
 * Writes one `keymint: warning: <text>` line per warning, unless quiet. A
 * warning is advice: when stderr cannot take it (`2>/dev/full`, a closed
 * pipe) it is dropped and the command goes on to write its keys.
 */
export async function writeWarnings(
  io: RunIo,
  warnings: readonly string[],
  options: WarningOptions = {},
): Promise<void> {
  if (options.quiet || warnings.length === 0) return;
  const label = stderrIsLively(io)
    ? "\x1b[1;33mkeymint: warning:\x1b[0m"
    : "keymint: warning:";
  const text = warnings.map((warning) => `${label} ${oneLine(warning)}\n`);
  try {
    await writeText(io.stderr, text.join(""));
  } catch {
    // Dropped on purpose: see above.
  }
}

/**
 * Keeps a message on one line and free of control characters whatever it
 * contains; every argument it quotes has already been through
 * {@linkcode quoteArgument}, this is the backstop. Each line break, with
 * the blanks around it, becomes one space; linear in the length (a split
 * on a character class and trims, no backtracking pattern).
 */
export function oneLine(text: string): string {
  const lines = text.split(/[\r\n]+/);
  if (lines.length === 1) return escapeControls(text);
  const kept: string[] = [];
  lines.forEach((line, index) => {
    const trimmed = index === 0
      ? line.trimEnd()
      : index === lines.length - 1
      ? line.trimStart()
      : line.trim();
    if (trimmed !== "" || index === 0 || index === lines.length - 1) {
      kept.push(trimmed);
    }
  });
  return escapeControls(kept.join(" "));
}

/**
 * Writes a report as aligned `name  value` rows on stdout, then its
 * warnings (or `warnings  none`), as `inspect` prints them.
 */
export async function writeReport(
  io: RunIo,
  rows: readonly (readonly [string, string])[],
  warnings: readonly string[],
): Promise<void> {
  const all = [...rows];
  if (warnings.length === 0) all.push(["warnings", "none"]);
  for (const warning of warnings) all.push(["warning", warning]);
  await writeText(
    io.stdout,
    all.map(([name, value]) => `${name.padEnd(13)}${value}\n`).join(""),
  );
}
