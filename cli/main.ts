/**
 * The keymint command: `deno run jsr:@keymint/cli [ARGS]`, or
 * `keymint --help` once installed.
 *
 * @module
 */

import { run } from "./run.ts";
import { denoIo } from "./io.ts";

Deno.exit(await run(Deno.args, denoIo()));
