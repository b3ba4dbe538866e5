/**
 * The option readers faces use, re-exported for `@keymint/core/faces`.
 *
 * @module
 */

export { defaultFormat, KEY_OPTION_NAMES, readFlag } from "./_read.ts";
