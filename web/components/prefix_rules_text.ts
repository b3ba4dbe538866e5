/**
 * The text of the scanner rules view, in a module of its own: the page
 * loads it (and with it the core's rules code) with `import()` only when
 * someone opens the view, so the generator's first load stays small.
 * Loading it sends nothing about the key: it is a static file of the build.
 *
 * @module
 */

import {
  formatRules,
  type KeySpec,
  type RuleFormat,
  rulesFor,
} from "@keymint/core";
import { isInputError } from "@keymint/core/faces";

/**
 * The rules for keys of `spec`, in one scanner's format.
 *
 * @param spec The keys' spec; it has a prefix.
 * @param format The scanner.
 * @returns The text to paste into the scanner's config, or the core's
 * message when it cannot write rules for these keys.
 */
export function rulesText(spec: KeySpec, format: RuleFormat): string {
  try {
    return formatRules([rulesFor(spec)], format);
  } catch (error) {
    if (isInputError(error)) return error.message;
    throw error;
  }
}
