/**
 * Dotenv text: quoting a value so dotenv parsers and POSIX shells read it
 * back unchanged, and setting one variable in a file's text while every
 * other byte stays as it was.
 *
 * @module
 */

import { quoteForEnv } from "@keymint/core/faces";
import { UsageError } from "./_message.ts";

/** A shell variable name. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `NAME=value`, quoted for the characters the value is drawn from.
 *
 * @param name The variable name.
 * @param value The value.
 * @param characters The value's alphabet (the value itself at least).
 * @throws {UsageError} When no quoting is safe for those characters.
 */
export function envAssignment(
  name: string,
  value: string,
  characters: string = value,
): string {
  const quote = quoteForEnv(characters + value);
  if (quote === undefined) {
    throw new UsageError(
      "Cannot write a .env line: the alphabet holds both kinds of quote, so no .env quoting is safe",
    );
  }
  return `${name}=${quote}${value}${quote}`;
}

/** Thrown when `NAME` already holds a value and `--force` was not given. */
export class ValueAlreadySet extends Error {
  /** Creates the error for `name`. */
  constructor(readonly variable: string) {
    super(`Cannot set ${variable}: it already holds a value`);
    this.name = "ValueAlreadySet";
  }
}

/** What {@linkcode setEnvValue} did. */
export interface EnvEdit {
  /** The new text of the file. */
  readonly text: string;
  /** How many `NAME=` lines were replaced; 0 when one was appended. */
  readonly replaced: number;
}

/**
 * Sets `assignment` (a `NAME=value` from {@linkcode envAssignment}) in the
 * dotenv `text`: every `NAME=` or `export NAME=` line gets the new value,
 * keeping its `export`, indentation, line ending and a trailing comment;
 * with no such line one is appended, after a line break if the text does
 * not end with one (CRLF when the file uses CRLF). No other byte changes.
 *
 * @param text The file's text (empty for a new file).
 * @param assignment The `NAME=value` to set.
 * @param force Replace a value that is not empty.
 * @returns The new text and how many lines were replaced.
 * @throws {ValueAlreadySet} When a `NAME=` line holds a value and not
 * `force`; nothing is changed then.
 */
export function setEnvValue(
  text: string,
  assignment: string,
  force: boolean,
): EnvEdit {
  const equals = assignment.indexOf("=");
  const name = assignment.slice(0, equals);
  const value = assignment.slice(equals + 1);
  const parts: string[] = [];
  let replaced = 0;
  let copied = 0;
  let start = 0;
  while (start < text.length) {
    const found = findAssignment(text, start, name);
    if (found !== undefined) {
      if (found.old !== "" && !force) throw new ValueAlreadySet(name);
      parts.push(text.slice(copied, found.valueStart), value);
      copied = found.valueEnd;
      replaced++;
    }
    const lineEnd = text.indexOf("\n", found?.valueEnd ?? start);
    start = lineEnd === -1 ? text.length : lineEnd + 1;
  }
  parts.push(text.slice(copied));
  if (replaced > 0) return { text: parts.join(""), replaced };
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const gap = text === "" || text.endsWith("\n") ? "" : eol;
  return { text: `${text}${gap}${assignment}${eol}`, replaced: 0 };
}

interface Found {
  /** Where the old value starts: just after `=`. */
  readonly valueStart: number;
  /** Where it ends: after its closing quote, or before a comment or `\r`. */
  readonly valueEnd: number;
  /** The old value without quotes and blanks. */
  readonly old: string;
}

/** Reads the line at `start` as `[export ]NAME=value`, or `undefined`. */
function findAssignment(
  text: string,
  start: number,
  name: string,
): Found | undefined {
  let i = skipBlanks(text, start === 0 && text[0] === "\uFEFF" ? 1 : start);
  if (text.startsWith("export", i) && isBlank(text[i + 6])) {
    i = skipBlanks(text, i + 6);
  }
  if (!text.startsWith(name, i)) return undefined;
  i = skipBlanks(text, i + name.length);
  if (text[i] !== "=") return undefined;
  const valueStart = i + 1;
  const first = skipBlanks(text, valueStart);
  const quote = text[first];
  if (quote === "'" || quote === '"' || quote === "`") {
    const close = closingQuote(text, first + 1, quote);
    if (close !== -1) {
      return {
        valueStart,
        valueEnd: close + 1,
        old: text.slice(first + 1, close),
      };
    }
  }
  let end = first;
  while (end < text.length && text[end] !== "\n" && text[end] !== "\r") {
    if (text[end] === "#" && isBlank(text[end - 1])) break;
    end++;
  }
  while (end > first && isBlank(text[end - 1])) end--;
  // An empty value keeps the blanks before a comment: `NAME= # note`.
  if (end === first) return { valueStart, valueEnd: valueStart, old: "" };
  return { valueStart, valueEnd: end, old: text.slice(first, end) };
}

function closingQuote(text: string, from: number, quote: string): number {
  for (let i = from; i < text.length; i++) {
    if (text[i] === "\\" && quote === '"') i++;
    else if (text[i] === quote) return i;
  }
  return -1;
}

function skipBlanks(text: string, from: number): number {
  let i = from;
  while (isBlank(text[i])) i++;
  return i;
}

function isBlank(character: string | undefined): boolean {
  return character === " " || character === "\t";
}
