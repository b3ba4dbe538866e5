/**
 * The page shows the `keymint` command and the `curl` request that make keys
 * like the ones on screen. Here both are run, the CLI in-process and the API
 * through the app, and what they make is compared with the page's own spec.
 */

import assert from "node:assert/strict";
import { parseKeySpec } from "@keymint/core";
import { run, type RunIo } from "../../cli/mod.ts";
import { createApp } from "../../web/app.ts";
import {
  DEFAULT_OPTIONS,
  type GeneratorOptions,
  optionsToCommand,
  optionsToCurl,
  toKeyOptions,
} from "../../web/options.ts";

const app = await createApp({ log: () => {} });

interface Described {
  value: string;
  format: string;
  bits: number;
  length: number;
  prefix?: string;
  checksum?: boolean;
}

async function runCli(args: string[]): Promise<Described[]> {
  const chunks: Uint8Array[] = [];
  const io: RunIo = {
    stdin: new ReadableStream(),
    stdout: {
      write: (chunk) => Promise.resolve(void chunks.push(chunk.slice())),
    },
    stderr: { write: () => Promise.resolve() },
    stdinIsTerminal: false,
    stdoutIsTerminal: false,
    stderrIsTerminal: false,
    env: () => undefined,
    setStdinRaw: () => {},
    now: () => performance.now(),
  };
  assert.equal(await run(args, io), 0, `keymint ${args.join(" ")}`);
  const text = chunks.map((chunk) => new TextDecoder().decode(chunk)).join("");
  return JSON.parse(text) as Described[];
}

const CASES: Partial<GeneratorOptions>[] = [
  {},
  { format: "base58", bits: "128" },
  { format: "base64url", count: "3" },
  { format: "digits", length: "12" },
  { format: "custom", alphabet: "abc123" },
  { prefix: "sk_live" },
  { format: "alnum", prefix: "sk_live", checksum: false },
  { format: "crockford", prefix: "ak", bits: "192" },
  { preset: "laravel", count: "2" },
  { preset: "django" },
];

for (const patch of CASES) {
  const options = { ...DEFAULT_OPTIONS, ...patch };
  const command = optionsToCommand(options);
  Deno.test(`the page's "${command}" makes the page's keys, in the CLI and the API`, async () => {
    const spec = parseKeySpec(toKeyOptions(options), { maxCount: 100 });
    const words = command.split(" ");
    assert.equal(words[0], "keymint");
    assert.ok(!command.includes("'"), "the cases need no shell quoting");

    const fromCli = await runCli([...words.slice(1), "--json"]);
    const curl = optionsToCurl(options, "http://localhost").replace(
      /^curl '?|'$/g,
      "",
    );
    const response = await app.request(curl, {
      headers: { accept: "application/json" },
    });
    assert.equal(response.status, 200, curl);
    const fromApi = await response.json() as Described[];

    for (const [face, keys] of [["CLI", fromCli], ["API", fromApi]] as const) {
      assert.equal(keys.length, spec.count, face);
      for (const key of keys) {
        assert.equal(key.format, spec.format, face);
        assert.equal(key.bits, spec.bits, face);
        assert.equal(key.length, spec.length, face);
        assert.equal(key.value.length, spec.length, face);
        assert.equal(key.prefix, spec.prefix, face);
      }
    }
  });
}
