/**
 * `deno task compile`: single-file keymint binaries for every supported
 * platform, written to `dist/`.
 *
 * `deno compile` fetches Deno's runtime base binary (`denort`) for each
 * target from dl.deno.land the first time, or takes the one `DENORT_BIN`
 * points to.
 *
 * Usage: `deno task compile [--target TRIPLE]... [--out DIR]`
 *
 * @module
 */

import { parseArgs } from "node:util";
import { fileURLToPath } from "node:url";

/** The targets `deno task compile` builds by default. */
export const TARGETS: readonly string[] = [
  "x86_64-unknown-linux-gnu",
  "aarch64-unknown-linux-gnu",
  "x86_64-apple-darwin",
  "aarch64-apple-darwin",
  "x86_64-pc-windows-msvc",
];

/**
 * The binary's permissions: reading `NO_COLOR`, `TERM` (colour) and
 * `PATH` (to find a clipboard program for `--copy`); reading files
 * (`webhook --secret-file`, `--write`); writing files (`--write`, only the
 * file named and a temporary file beside it); running the clipboard
 * program (`--copy`). No network, no other environment access.
 */
export const PERMISSIONS: readonly string[] = [
  "--allow-env=NO_COLOR,TERM,PATH",
  "--allow-read",
  "--allow-write",
  "--allow-run",
];

/**
 * The path of the binary for `target` inside `outDir`.
 *
 * @param target A Rust target triple such as `x86_64-unknown-linux-gnu`.
 * @param outDir The output directory.
 * @returns `outDir/keymint-<target>`, with `.exe` for Windows.
 */
export function binaryPath(target: string, outDir: string): string {
  const suffix = target.includes("windows") ? ".exe" : "";
  return `${outDir}/keymint-${target}${suffix}`;
}

/**
 * The `deno compile` arguments that build keymint for `target`.
 *
 * @param target A Rust target triple.
 * @param outDir The output directory.
 * @returns The arguments after `deno`.
 */
export function compileArgs(target: string, outDir: string): string[] {
  const entry = fileURLToPath(new URL("./main.ts", import.meta.url));
  // `scan --jobs` starts workers from a URL, which deno compile cannot see
  // by following imports, so the worker module is named here.
  const worker = fileURLToPath(new URL("./_scan_worker.ts", import.meta.url));
  return [
    "compile",
    ...PERMISSIONS,
    "--include",
    worker,
    "--target",
    target,
    "--output",
    binaryPath(target, outDir),
    entry,
  ];
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: Deno.args,
    options: {
      target: { type: "string", multiple: true },
      out: { type: "string", default: "dist" },
    },
    strict: true,
  });
  const targets = values.target ?? TARGETS;
  let failed = 0;
  for (const target of targets) {
    const command = new Deno.Command(Deno.execPath(), {
      args: compileArgs(target, values.out),
      stdout: "inherit",
      stderr: "inherit",
    });
    const { success } = await command.output();
    console.error(
      `${success ? "built" : "FAILED"} ${binaryPath(target, values.out)}`,
    );
    if (!success) failed++;
  }
  return failed === 0 ? 0 : 1;
}

if (import.meta.main) Deno.exit(await main());
