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
  // Chromium (with the other Debian tools) is installed when missing.
  assert.match(script, /for pair in chromium:chromium /);
  assert.match(script, /apt-get install -y [^\n]*"\$\{missing\[@\]\}"/);
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

Deno.test("deno task keymint has the permission webhook --secret-file needs", async () => {
  const dir = await Deno.makeTempDir();
  try {
    const secretFile = `${dir}/secret.txt`;
    await Deno.writeTextFile(secretFile, "It's a Secret to Everybody\n");
    const child = new Deno.Command(Deno.execPath(), {
      args: [
        "task",
        "-q",
        "keymint",
        "webhook",
        "sign",
        "--scheme",
        "github",
        "--secret-file",
        secretFile,
      ],
      cwd: ROOT,
      stdin: "piped",
      stdout: "piped",
      stderr: "piped",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode("Hello, World!"));
    await writer.close();
    const output = await child.output();
    const decoder = new TextDecoder();
    assert.equal(output.code, 0, decoder.decode(output.stderr));
    assert.equal(
      decoder.decode(output.stdout),
      "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17\n",
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
