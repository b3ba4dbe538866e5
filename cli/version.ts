/** The version of @keymint/cli, kept equal to `cli/deno.json` (a test checks). */
export const VERSION = "0.1.0";
