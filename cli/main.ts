/**
 * The keymint command: `deno run jsr:@keymint/cli [ARGS]`, or
 * `keymint --help` once installed.
 *
 * @module
 */

import { run } from "./run.ts";
import { denoIo } from "./io.ts";
import { oneLine } from "./_message.ts";

let code: number;
try {
  code = await run(Deno.args, denoIo());
} catch (error) {
  // A bug, not bad input: one line, never a stack trace (it could quote
  // what it was working on).
  const name = error instanceof Error ? error.name : "Error";
  const text = `keymint: internal error (${
    oneLine(name).slice(0, 40)
  })\nhint: this is a bug in keymint; please report it with the command line, without any key\n`;
  try {
    await Deno.stderr.write(new TextEncoder().encode(text));
  } catch {
    // Nothing left to tell.
  }
  code = 1;
}
Deno.exit(code);
