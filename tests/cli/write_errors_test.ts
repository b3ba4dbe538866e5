/**
 * Write errors on real streams: a full device, a closed pipe on stdout or
 * stderr, a read-only descriptor. The CLI never dies with a stack trace.
 */

import assert from "node:assert/strict";
import { writeReason } from "../../cli/io.ts";

const MAIN = new URL("../../cli/main.ts", import.meta.url).pathname;
const KEYMINT =
  `${Deno.execPath()} run --no-prompt --allow-env=NO_COLOR ${MAIN}`;

/**
 * Runs `script` in bash with `$K` set to the keymint command and `$EPIPE`
 * an open descriptor whose pipe has no reader: a FIFO opened read-write,
 * then for writing, then the read side closed, so every write to it fails
 * with EPIPE at once, with no race.
 */
async function bash(script: string) {
  const setup = `K="${KEYMINT}"
fifo=$(mktemp -u); mkfifo "$fifo"; exec 5<>"$fifo"; exec 6>"$fifo"; exec 5>&-; rm "$fifo"
EPIPE=6
`;
  const { code, stdout, stderr } = await new Deno.Command("bash", {
    args: ["-c", setup + script],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return {
    code,
    stdout: decoder.decode(stdout),
    stderr: decoder.decode(stderr),
  };
}

Deno.test("keymint > /dev/full says it cannot write in one line and exits 1", async () => {
  for (const args of ["", "-n 100000", "--json", "preset laravel", "pair"]) {
    const outcome = await bash(`$K ${args} > /dev/full`);
    assert.equal(outcome.code, 1, args);
    assert.equal(
      outcome.stderr,
      "keymint: cannot write to stdout: no space left on device\n",
      args,
    );
  }
});

Deno.test("keymint with stderr on /dev/full still writes a key with a warning", async () => {
  const outcome = await bash(`$K --bits 8 2>/dev/full`);
  assert.equal(outcome.code, 0);
  assert.match(outcome.stdout, /^[0-9a-f]{2}\n$/);
});

Deno.test("keymint with both streams failing exits 1 and writes nothing", async () => {
  const outcome = await bash(`$K >/dev/full 2>/dev/full; echo "code=$?"`);
  assert.equal(outcome.stdout, "code=1\n");
  assert.equal(outcome.stderr, "");
});

Deno.test("keymint with a closed pipe on stderr: keys still written, errors keep their code", async () => {
  const outcome = await bash(`
$K --bits 8 2>&$EPIPE; echo "warning=$?"
$K --bits x 2>&$EPIPE; echo "usage=$?"
printf abc | $K verify ${"0".repeat(64)} 2>&$EPIPE; echo "mismatch=$?"
`);
  const lines = outcome.stdout.split("\n");
  assert.match(lines[0]!, /^[0-9a-f]{2}$/);
  assert.deepEqual(lines.slice(1), ["warning=0", "usage=2", "mismatch=1", ""]);
  assert.equal(outcome.stderr, "");
});

Deno.test("keymint with a closed pipe on stdout stops quietly with 0", async () => {
  const outcome = await bash(`$K -n 1000000 >&$EPIPE; echo "code=$?"`);
  assert.equal(outcome.stdout, "code=0\n");
  assert.equal(outcome.stderr, "");
});

Deno.test("keymint on a read-only stdout descriptor (EBADF) does not crash", async () => {
  // Deno's runtime, like Rust's standard library, treats EBADF on its own
  // standard streams as a sink that takes everything: nothing reaches the
  // file, and no error reaches keymint. What is checked is that no stack
  // trace or message appears and the file stays as it was.
  const file = await Deno.makeTempFile();
  await Deno.writeTextFile(file, "before\n");
  const outcome = await bash(`$K 1<'${file}'; echo "code=$?" >&2`);
  assert.equal(outcome.stderr, "code=0\n");
  assert.equal(await Deno.readTextFile(file), "before\n");
  await Deno.remove(file);
});

Deno.test("writeReason() keeps the operating system's words, without the number", () => {
  const cases: [unknown, string][] = [
    [
      new Error("No space left on device (os error 28)"),
      "no space left on device",
    ],
    [new Error("Input/output error (os error 5)"), "input/output error"],
    [new Error("Bad file descriptor (os error 9)"), "bad file descriptor"],
    [new Error(""), "unknown error"],
    ["x".repeat(1000), "x".repeat(80)],
  ];
  for (const [error, reason] of cases) assert.equal(writeReason(error), reason);
});

Deno.test("keymint plain output is UTF-8 for every alphabet", async () => {
  for (const alphabet of ["éèe", "ab\u00ff", "\u{1F511}x", "äöü"]) {
    const { code, stdout } = await new Deno.Command(Deno.execPath(), {
      args: [
        "run",
        "--no-prompt",
        MAIN,
        "--alphabet",
        alphabet,
        "-l",
        "64",
        "-n",
        "20",
      ],
      stdout: "piped",
      stderr: "null",
    }).output();
    assert.equal(code, 0);
    const text = new TextDecoder("utf-8", { fatal: true }).decode(stdout);
    const allowed = new Set([...alphabet, "\n"]);
    assert.ok([...text].every((c) => allowed.has(c)), alphabet);
    assert.equal(text.split("\n").length, 21);
    assert.ok(text.split("\n").slice(0, 20).every((l) => [...l].length === 64));
  }
});
