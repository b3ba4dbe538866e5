/**
 * Runs the CLI in-process against a fake io and returns what it did.
 *
 * @module
 */

import { run } from "../../cli/run.ts";
import { fakeIo, type FakeIoOptions } from "./_fake_io.ts";

/** The outcome of one in-process run. */
export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `keymint ...args` in-process. */
export async function runWith(
  args: readonly string[],
  options: FakeIoOptions = {},
): Promise<RunResult> {
  const fake = fakeIo(options);
  const code = await run(args, fake.io);
  return { code, stdout: fake.stdout(), stderr: fake.stderr() };
}

/** The exact shape of a usage error on stderr: two lines. */
export const USAGE_ERROR = /^keymint: [^\n]+\nhint: [^\n]+\n$/;
