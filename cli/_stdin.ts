/**
 * Reads one key from stdin: piped, or typed at a prompt that does not echo.
 *
 * @module
 */

import { MAX_KEY_LENGTH } from "@keymint/core/keys";
import { stripTrailingNewline } from "@keymint/core/faces";
import { PromptInterrupted, type RunIo } from "./io.ts";
import { UsageError, writeText } from "./_message.ts";

/** UTF-8 needs at most 4 bytes a character, and `\r\n` may follow. */
const MAX_KEY_BYTES = MAX_KEY_LENGTH * 4 + 2;

/**
 * Reads the key for `hash`, `verify` or `inspect`.
 *
 * A terminal gets the prompt `Key (hidden): ` on stderr and no echo; a pipe
 * is read to its end. One trailing newline is dropped (`\n` or `\r\n`).
 *
 * @param io Where stdin and stderr are.
 * @param command The command name, for the hint.
 * @returns The key.
 * @throws {UsageError} For empty input, more than 16384 characters, or
 * bytes that are not UTF-8.
 * @throws {PromptInterrupted} When Ctrl-C is pressed at the prompt.
 */
export async function readKey(io: RunIo, command: string): Promise<string> {
  const bytes = io.stdinIsTerminal
    ? await readTyped(io)
    : await readAll(io.stdin, MAX_KEY_BYTES);
  const hint = `pipe the key in, as in: printf %s "$KEY" | keymint ${command}`;
  if (bytes === undefined) {
    throw new UsageError(
      `Cannot read the key: stdin holds more than ${MAX_KEY_LENGTH} characters`,
      hint,
    );
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new UsageError("Cannot read the key: stdin is not UTF-8 text", hint);
  }
  const key = stripTrailingNewline(text);
  if (key.length === 0) {
    throw new UsageError("Cannot read the key: stdin is empty", hint);
  }
  if (key.length > MAX_KEY_LENGTH) {
    throw new UsageError(
      `Cannot read the key: stdin holds more than ${MAX_KEY_LENGTH} characters`,
      hint,
    );
  }
  return key;
}

/**
 * Reads a stream to its end, unchanged, or returns `undefined` (and stops
 * reading) once it holds more than `maxBytes`.
 *
 * @param stdin The stream.
 * @param maxBytes The most bytes accepted.
 * @returns The bytes, or `undefined` when there were too many.
 */
export async function readAll(
  stdin: ReadableStream<Uint8Array>,
  maxBytes: number,
): Promise<Uint8Array | undefined> {
  const reader = stdin.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.length;
      if (size > maxBytes) {
        await reader.cancel();
        return undefined;
      }
      parts.push(value);
    }
  } finally {
    reader.releaseLock();
  }
  return concat(parts, size);
}

const CTRL_C = 0x03;
const CTRL_D = 0x04;
const BACKSPACE = 0x08;
const DELETE = 0x7f;
const CR = 0x0d;
const LF = 0x0a;

/**
 * Prompts on stderr and reads one line from a terminal in raw mode, so
 * nothing typed or pasted is echoed. Returns the line without its end, or
 * `undefined` once it is too long.
 */
async function readTyped(io: RunIo): Promise<Uint8Array | undefined> {
  await writeText(io.stderr, "Key (hidden): ");
  io.setStdinRaw(true);
  const reader = io.stdin.getReader();
  const line: number[] = [];
  try {
    reading: while (true) {
      const { done, value } = await reader.read();
      if (done) break;
      for (const byte of value) {
        if (byte === CR || byte === LF) break reading;
        if (byte === CTRL_C) throw new PromptInterrupted();
        if (byte === CTRL_D && line.length === 0) break reading;
        if (byte === BACKSPACE || byte === DELETE) {
          dropLastCharacter(line);
          continue;
        }
        line.push(byte);
        if (line.length > MAX_KEY_BYTES) return undefined;
      }
    }
  } finally {
    reader.releaseLock();
    io.setStdinRaw(false);
    await writeText(io.stderr, "\n");
  }
  return Uint8Array.from(line);
}

/** Removes the last UTF-8 character: continuation bytes, then its lead. */
function dropLastCharacter(line: number[]): void {
  while (line.length > 0 && (line[line.length - 1]! & 0xc0) === 0x80) {
    line.pop();
  }
  line.pop();
}

function concat(parts: readonly Uint8Array[], size: number): Uint8Array {
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}
