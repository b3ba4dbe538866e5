import assert from "node:assert/strict";
import { hashKey } from "@keymint/core";
import { run } from "../../cli/run.ts";
import { fakeIo } from "./_fake_io.ts";

Deno.test("a terminal stdin gets a prompt on stderr, raw mode on and then off", async () => {
  const fake = fakeIo({ stdin: ["ab", "c\r"], stdinIsTerminal: true });
  assert.equal(await run(["hash"], fake.io), 0);
  assert.equal(fake.stdout(), `${await hashKey("abc")}\n`);
  assert.equal(fake.stderr(), "Key (hidden): \n");
  assert.deepEqual(fake.rawCalls, [true, false]);
});

Deno.test("the prompt never echoes what is typed", async () => {
  const fake = fakeIo({ stdin: "typed-secret\n", stdinIsTerminal: true });
  assert.equal(await run(["inspect"], fake.io), 0);
  assert.ok(!fake.stderr().includes("typed-secret"));
  assert.ok(!fake.stdout().includes("typed-secret"));
});

Deno.test("the prompt honours backspace and delete, whole UTF-8 characters at a time", async () => {
  const fake = fakeIo({
    stdin: ["abx\x7f", "cé\x08", "\r"],
    stdinIsTerminal: true,
  });
  assert.equal(await run(["hash"], fake.io), 0);
  assert.equal(fake.stdout(), `${await hashKey("abc")}\n`);
});

Deno.test("Ctrl-C at the prompt exits 130 and restores the terminal", async () => {
  const fake = fakeIo({ stdin: "ab\x03", stdinIsTerminal: true });
  assert.equal(await run(["hash"], fake.io), 130);
  assert.equal(fake.stdout(), "");
  assert.deepEqual(fake.rawCalls, [true, false]);
});

Deno.test("Ctrl-D on an empty prompt is empty input: exit 2", async () => {
  const fake = fakeIo({ stdin: "\x04", stdinIsTerminal: true });
  assert.equal(await run(["verify", "0".repeat(64)], fake.io), 2);
  assert.match(
    fake.stderr(),
    /^Key \(hidden\): \nkeymint: Cannot read the key: stdin is empty\nhint: /,
  );
  assert.deepEqual(fake.rawCalls, [true, false]);
});

Deno.test("a piped stdin gets no prompt and no raw mode", async () => {
  const fake = fakeIo({ stdin: "abc\n" });
  assert.equal(await run(["hash"], fake.io), 0);
  assert.equal(fake.stderr(), "");
  assert.deepEqual(fake.rawCalls, []);
});
