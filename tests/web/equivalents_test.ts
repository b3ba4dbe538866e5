/**
 * The page shows the `keymint` command and the `curl` request that make keys
 * like the ones on screen. Here both are run, the CLI in-process and the API
 * through the app, and what they make is compared with the page's own spec.
 */

import assert from "node:assert/strict";
import { FORMATS, parseKeySpec, PRESETS } from "@keymint/core";
import { run, type RunIo } from "../../cli/mod.ts";
import { createApp } from "../../web/app.ts";
import {
  BITS_CHOICES,
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

async function runCli(args: string[], expect = 0): Promise<Described[]> {
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
  assert.equal(await run(args, io), expect, `keymint ${args.join(" ")}`);
  if (expect !== 0) return [];
  const text = chunks.map((chunk) => new TextDecoder().decode(chunk)).join("");
  return JSON.parse(text) as Described[];
}

/**
 * Every combination of controls the page can reach: each format (or none
 * chosen), each entropy choice or an exact length, without and with a
 * prefix (checksum on and off), and every preset.
 */
function reachable(): Partial<GeneratorOptions>[][] {
  const groups: Partial<GeneratorOptions>[][] = [];
  for (const format of ["", ...FORMATS.map((f) => f.name)]) {
    const group: Partial<GeneratorOptions>[] = [];
    const sizes: Partial<GeneratorOptions>[] = [
      ...BITS_CHOICES.map((bits) => ({ bits })),
      { length: "24" },
    ];
    for (const size of sizes) {
      const base = { format, count: "2", ...size };
      group.push(base);
      group.push({ ...base, prefix: "sk_live" });
      group.push({ ...base, prefix: "sk_live", checksum: false });
    }
    groups.push(group);
  }
  groups.push(PRESETS.map((preset) => ({ preset: preset.name, count: "2" })));
  return groups;
}

async function check(options: GeneratorOptions): Promise<void> {
  const command = optionsToCommand(options);
  const words = command.split(" ");
  assert.equal(words[0], "keymint");
  assert.ok(!command.includes("'"), "the cases need no shell quoting");
  const curl = optionsToCurl(options, "http://localhost").replace(
    /^curl '?|'$/g,
    "",
  );
  let spec;
  try {
    spec = parseKeySpec({ ...toKeyOptions(options), allowWeak: true }, {
      maxCount: 100,
    });
  } catch {
    // The page shows the core's message and no key: so do the others.
    await runCli([...words.slice(1), "--json"], 2);
    const refused = await app.request(curl);
    assert.equal(refused.status, 400, curl);
    await refused.body?.cancel();
    return;
  }

  const fromCli = await runCli([...words.slice(1), "--json"]);
  const response = await app.request(curl, {
    headers: { accept: "application/json" },
  });
  assert.equal(response.status, 200, curl);
  const fromApi = await response.json() as Described[];

  const body = new Set(Array.from(spec.alphabet));
  for (const [face, keys] of [["CLI", fromCli], ["API", fromApi]] as const) {
    const what = `${face}: ${command}`;
    assert.equal(keys.length, spec.count, what);
    for (const key of keys) {
      assert.equal(key.format, spec.format, what);
      assert.equal(key.bits, spec.bits, what);
      assert.equal(key.length, spec.length, what);
      assert.equal(key.value.length, spec.length, what);
      assert.equal(key.prefix, spec.prefix, what);
      // The body (after the prefix and before a checksum) is drawn from the
      // page's alphabet: same shape, not only the same length.
      const lead = spec.prefix === undefined ? 0 : spec.prefix.length + 1;
      const tail = spec.checksum ? 6 : 0;
      const drawn = key.value.slice(lead, key.value.length - tail)
        .replace(/=+$/, ""); // base64 padding
      if (spec.preset === undefined) {
        for (const c of drawn) assert.ok(body.has(c), `${what}: ${c}`);
      }
    }
  }
}

Deno.test("a prefix without a chosen format makes alphanumeric keys, as --prefix does", async () => {
  const options = { ...DEFAULT_OPTIONS, prefix: "sk_live" };
  assert.equal(optionsToCommand(options), "keymint --prefix sk_live");
  const spec = parseKeySpec(toKeyOptions(options));
  assert.equal(spec.format, "alnum");
  await check(options);
});

for (const group of reachable()) {
  const first = { ...DEFAULT_OPTIONS, ...group[0] };
  const name = first.preset !== ""
    ? "every preset"
    : `format ${first.format === "" ? "(none chosen)" : first.format}`;
  Deno.test(`the page's commands make the page's keys in the CLI and the API: ${name}, ${group.length} combinations`, async () => {
    for (const patch of group) await check({ ...DEFAULT_OPTIONS, ...patch });
  });
}
