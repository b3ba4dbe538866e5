/**
 * Messages on stderr: usage errors, warnings, and the colour rule.
 *
 * @module
 */

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

/** The longest part of a user's argument quoted back in a message. */
const QUOTE_LIMIT = 40;

/**
 * Quotes a user's argument for a message: cut to 40 characters (it may be
 * a pasted key, or 10 MB) and escaped, so no control character reaches the
 * terminal.
 */
export function quoteArgument(value: string): string {
  const characters = [...value];
  const cut = characters.length > QUOTE_LIMIT
    ? characters.slice(0, QUOTE_LIMIT).join("") + "..."
    : value;
  return escapeControls(JSON.stringify(cut));
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

/** Whether stderr may carry colour and animation: a terminal and no `NO_COLOR`. */
export function stderrIsLively(io: RunIo): boolean {
  return io.stderrIsTerminal && !io.env("NO_COLOR");
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

/** Writes one `keymint: warning: <text>` line per warning. */
export async function writeWarnings(
  io: RunIo,
  warnings: readonly string[],
): Promise<void> {
  const label = stderrIsLively(io)
    ? "\x1b[1;33mkeymint: warning:\x1b[0m"
    : "keymint: warning:";
  for (const warning of warnings) {
    await writeText(io.stderr, `${label} ${oneLine(warning)}\n`);
  }
}

/**
 * Keeps a message on one line and free of control characters whatever it
 * contains; every argument it quotes has already been through
 * {@linkcode quoteArgument}, this is the backstop.
 */
function oneLine(text: string): string {
  return escapeControls(text.replace(/\s*[\r\n]+\s*/g, " "));
}
