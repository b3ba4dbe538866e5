/** The promises README.md and .ci/run make about setting up. */
import assert from "node:assert/strict";

const ROOT = new URL("../", import.meta.url);
const read = (path: string) => Deno.readTextFile(new URL(path, ROOT));

Deno.test("README starts with exactly two set-up commands on the pinned Deno: run, then test", async () => {
  const readme = await read("README.md");
  const version = (await read(".deno-version")).trim();
  assert.match(version, /^2\.9\.\d+$/);
  const block = /```sh\n([\s\S]*?)```/.exec(readme);
  assert.ok(block, "README has a first sh code block");
  assert.ok(
    readme.indexOf(block[0]) < readme.indexOf("\n## "),
    "the block comes before any section",
  );
  const commands = block[1]!.trim().split("\n");
  assert.deepEqual(commands, [
    `npx -y deno@${version} task keymint`,
    `npx -y deno@${version} task test`,
  ]);
});

Deno.test(".ci/run takes its Deno version from .deno-version and runs the README's test command", async () => {
  const script = await read(".ci/run");
  assert.match(script, /\.deno-version/);
  assert.match(script, /npm install -g "deno@\$\{DENO_VERSION\}"/);
  assert.match(script, /apt-get install -y [^\n]*chromium/);
  assert.match(script, /task test/);
  assert.match(script, /passed, \$\{failed\} failed/);
});

Deno.test("the tasks behind the README's commands exist, and test writes a JUnit report", async () => {
  const config = JSON.parse(await read("deno.json"));
  assert.match(config.tasks.keymint, /cli\/main\.ts/);
  assert.match(config.tasks.test, /--junit-path=test-report\.xml/);
  assert.match(config.tasks.test, /\btests\//);
});

Deno.test("deno task keymint prints one fresh 256-bit hex key and nothing else", async () => {
  const run = () =>
    new Deno.Command(Deno.execPath(), {
      args: ["task", "-q", "keymint"],
      cwd: ROOT,
      stdout: "piped",
      stderr: "piped",
    }).output();
  const [first, second] = await Promise.all([run(), run()]);
  const decoder = new TextDecoder();
  for (const output of [first, second]) {
    assert.equal(output.code, 0, decoder.decode(output.stderr));
    assert.match(decoder.decode(output.stdout), /^[0-9a-f]{64}\n$/);
  }
  assert.notEqual(decoder.decode(first.stdout), decoder.decode(second.stdout));
});
