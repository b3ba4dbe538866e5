import assert from "node:assert/strict";
import {
  binaryPath,
  compileArgs,
  PERMISSIONS,
  TARGETS,
} from "../../cli/build_binaries.ts";

Deno.test("deno task keymint runs with the same permissions as the binaries", async () => {
  const config = JSON.parse(
    await Deno.readTextFile(new URL("../../deno.json", import.meta.url)),
  );
  assert.equal(
    config.tasks.keymint,
    `deno run ${PERMISSIONS.join(" ")} cli/main.ts`,
  );
});

Deno.test("compileArgs() covers the five release targets with the binary's permissions and no network", () => {
  assert.deepEqual(TARGETS, [
    "x86_64-unknown-linux-gnu",
    "aarch64-unknown-linux-gnu",
    "x86_64-apple-darwin",
    "aarch64-apple-darwin",
    "x86_64-pc-windows-msvc",
  ]);
  for (const target of TARGETS) {
    const args = compileArgs(target, "dist");
    assert.equal(args[0], "compile");
    assert.deepEqual(
      args.filter((arg) => arg.startsWith("--allow") || arg === "-A"),
      [
        "--allow-env=NO_COLOR,TERM,PATH",
        "--allow-read",
        "--allow-write",
        "--allow-run",
      ],
    );
    assert.equal(args[args.indexOf("--target") + 1], target);
    assert.match(
      args[args.indexOf("--include") + 1] ?? "",
      /cli\/_scan_worker\.ts$/,
      "the scan worker, which no import names, is in the binary",
    );
    assert.equal(
      args[args.indexOf("--output") + 1],
      binaryPath(target, "dist"),
    );
    assert.match(args.at(-1)!, /cli[\\/]main\.ts$/);
  }
  assert.equal(
    binaryPath("x86_64-pc-windows-msvc", "dist"),
    "dist/keymint-x86_64-pc-windows-msvc.exe",
  );
  assert.equal(
    binaryPath("aarch64-apple-darwin", "out"),
    "out/keymint-aarch64-apple-darwin",
  );
});

/**
 * `deno compile` needs Deno's runtime base binary (denort) for the target:
 * from DENORT_BIN, from the cache, or downloaded from dl.deno.land. Returns
 * why it cannot be had, or `undefined` when it can.
 */
async function whyNoBaseBinary(): Promise<string | undefined> {
  if (Deno.env.get("DENORT_BIN")) return undefined;
  const url =
    `https://dl.deno.land/release/v${Deno.version.deno}/denort-${Deno.build.target}.zip`;
  try {
    const response = await fetch(url, {
      method: "HEAD",
      signal: AbortSignal.timeout(5000),
    });
    await response.body?.cancel();
    return response.ok ? undefined : `${url} answered ${response.status}`;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return `cannot download Deno's runtime base binary (${url}): ${reason}`;
  }
}

Deno.test("deno compile builds a keymint binary for this machine that prints a key", async (t) => {
  const why = await whyNoBaseBinary();
  if (why !== undefined) {
    console.log(`skipped: ${why}`);
    await t.step({ name: `skipped: ${why}`, ignore: true, fn() {} });
    return;
  }
  const outDir = await Deno.makeTempDir();
  try {
    const compiled = await new Deno.Command(Deno.execPath(), {
      args: compileArgs(Deno.build.target, outDir),
      stdout: "piped",
      stderr: "piped",
      signal: AbortSignal.timeout(300_000),
    }).output();
    assert.equal(compiled.code, 0, new TextDecoder().decode(compiled.stderr));
    const binary = binaryPath(Deno.build.target, outDir);
    const { code, stdout, stderr } = await new Deno.Command(binary, {
      args: ["alnum", "-n", "2"],
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(code, 0);
    assert.match(new TextDecoder().decode(stdout), /^([0-9A-Za-z]{43}\n){2}$/);
    assert.equal(new TextDecoder().decode(stderr), "");
  } finally {
    await Deno.remove(outDir, { recursive: true });
  }
});
