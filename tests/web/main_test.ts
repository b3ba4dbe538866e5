/**
 * The two entry points as real processes: `web/main.ts` (Deno.serve on
 * PORT) and `web/serve.ts` (for `deno serve`).
 */

import assert from "node:assert/strict";

const WEB = new URL("../../web/", import.meta.url);
// The server's own permissions, as `deno task serve` grants them (no
// write, no run: `deno task build` runs before the tests).
const PERMISSIONS = [
  "--allow-net",
  "--allow-read=web,core,deno.json,deno.lock",
  "--allow-env=PORT,HOST,KEYMINT_PUBLIC_ORIGIN",
];

function freePort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const { port } = listener.addr;
  listener.close();
  return port;
}

async function waitFor(url: string): Promise<Response> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      return await fetch(url);
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

async function serveAndAsk(
  args: string[],
  env: Record<string, string>,
  port: number,
  settle = 300,
): Promise<{ health: string; keys: string; stdout: string }> {
  const child = new Deno.Command(Deno.execPath(), {
    args,
    env,
    cwd: new URL("../", WEB),
    stdout: "piped",
    stderr: "null",
  }).spawn();
  try {
    const health = await (await waitFor(`http://127.0.0.1:${port}/healthz`))
      .text();
    const keys = await (await fetch(
      `http://127.0.0.1:${port}/api/v1/keys?format=base58&count=2`,
    )).text();
    // Request log lines are written in batches, every 100 ms.
    await new Promise((resolve) => setTimeout(resolve, settle));
    child.kill("SIGTERM");
    const output = await child.output();
    return { health, keys, stdout: new TextDecoder().decode(output.stdout) };
  } catch (error) {
    child.kill("SIGKILL");
    await child.status;
    throw error;
  }
}

Deno.test("web/main.ts serves on PORT and logs method, path and status only", async () => {
  const port = freePort();
  const { health, keys, stdout } = await serveAndAsk(
    ["run", ...PERMISSIONS, "web/main.ts"],
    { PORT: String(port) },
    port,
  );
  assert.equal(health, "ok\n");
  const lines = keys.trimEnd().split("\n");
  assert.equal(lines.length, 2);
  for (const key of lines) assert.match(key, /^[1-9A-HJ-NP-Za-km-z]{44}$/);
  assert.match(stdout, /^GET \/healthz 200$/m);
  assert.match(stdout, /^GET \/api\/v1\/keys 200$/m);
  assert.doesNotMatch(stdout, /format=|count=/, "no query string in the log");
  for (const key of lines) {
    assert.ok(!stdout.includes(key), "no key in the log");
  }
});

Deno.test("web/serve.ts works under deno serve", async () => {
  const port = freePort();
  const { health, keys } = await serveAndAsk(
    [
      "serve",
      "--port",
      String(port),
      "--host",
      "127.0.0.1",
      ...PERMISSIONS,
      "web/serve.ts",
    ],
    {},
    port,
  );
  assert.equal(health, "ok\n");
  assert.equal(keys.trimEnd().split("\n").length, 2);
});

Deno.test("web/main.ts writes pending request-log lines when stopped with SIGTERM", async () => {
  const port = freePort();
  // No pause before the signal: the last lines are still in their batch.
  const { stdout } = await serveAndAsk(
    ["run", ...PERMISSIONS, "web/main.ts"],
    { PORT: String(port) },
    port,
    0,
  );
  assert.match(stdout, /^GET \/api\/v1\/keys 200$/m);
});

Deno.test("web/main.ts listens on 127.0.0.1 unless HOST says otherwise", async () => {
  const port = freePort();
  const child = new Deno.Command(Deno.execPath(), {
    args: ["run", ...PERMISSIONS, "web/main.ts"],
    env: { PORT: String(port) },
    cwd: new URL("../", WEB),
    stdout: "null",
    stderr: "piped",
  }).spawn();
  try {
    await waitFor(`http://127.0.0.1:${port}/healthz`).then((r) =>
      r.body?.cancel()
    );
  } finally {
    child.kill("SIGTERM");
  }
  const stderr = new TextDecoder().decode((await child.output()).stderr);
  assert.match(stderr, new RegExp(`127\\.0\\.0\\.1:${port}`));
});
