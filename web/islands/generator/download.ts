/**
 * Saving keys as a file, made in the page: a `Blob` behind an object URL,
 * so a download sends no request.
 *
 * @module
 */

import { quoteForEnv } from "@keymint/core/faces";

/**
 * The text of a `.env` file that sets `name` to the key.
 *
 * @param name The variable, such as `APP_KEY`.
 * @param value The key.
 * @param alphabet The characters the key is drawn from (for the quoting).
 * @returns One line, ending in a newline.
 */
export function envFile(name: string, value: string, alphabet: string): string {
  // Preset alphabets always have a safe quoting; `'` is the fallback that
  // keeps the most characters literal.
  const quote = quoteForEnv(alphabet + value) ?? "'";
  return `${name}=${quote}${value}${quote}\n`;
}

/**
 * Offers `text` to the browser as a download named `name`.
 *
 * @param name The file name.
 * @param text The file's contents.
 */
export function download(name: string, text: string): void {
  const url = URL.createObjectURL(
    new Blob([text], { type: "text/plain;charset=utf-8" }),
  );
  const link = document.createElement("a");
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
