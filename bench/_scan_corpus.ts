/**
 * Writes the scan benchmark's corpus: source-like text in 1 MiB files,
 * with planted valid keys of three prefixes, look-alikes whose checksum is
 * wrong, and GitHub/npm tokens (valid and not). Next to the corpus it
 * writes `keymint.rules.json` for the three shapes, `.secretlintrc.json`
 * from the same rules, and `expected.txt`: the SHA-256 of every key a
 * correct scan reports, one a line, sorted.
 *
 * Usage: deno run -A bench/_scan_corpus.ts OUT_DIR MEGABYTES [SCALE]
 * (SCALE multiplies the planted counts; doubling the corpus for the memory
 * figure keeps the same counts per megabyte when SCALE doubles too).
 */

import {
  addToRulesConfig,
  checksumOf,
  createKeyGenerator,
  hashKey,
  parseKeySpec,
  rulesFor,
  secretlintConfig,
} from "../core/mod.ts";

const [out, megabytesText, scaleText] = Deno.args;
if (out === undefined || megabytesText === undefined) {
  console.error("usage: _scan_corpus.ts OUT_DIR MEGABYTES [SCALE]");
  Deno.exit(2);
}
const megabytes = Number(megabytesText);
const scale = Number(scaleText ?? "1");
const SPECS = [
  parseKeySpec({ prefix: "acme_live" }),
  parseKeySpec({ prefix: "acme_test", format: "hex", bits: 128 }),
  parseKeySpec({ prefix: "corp", format: "base32" }),
];
const VALID = 1000 * scale;
const LOOKALIKES = 10_000 * scale;
const TOKENS = 100 * scale;

const bytes = new Uint32Array(1);
function below(n: number): number {
  crypto.getRandomValues(bytes);
  return bytes[0]! % n; // bias is irrelevant for filler text
}

const WORDS = (
  "const let return function import export from await async value config " +
  "request response handler token client server user account session " +
  "error result data items index count length string number boolean " +
  "map filter reduce push pop slice join split trim encode decode hash " +
  "key id name path file read write open close start stop next done"
).split(" ");
function line(): string {
  const w = () => WORDS[below(WORDS.length)]!;
  switch (below(6)) {
    case 0:
      return `  const ${w()}_${w()} = ${w()}(${w()}, "${w()}-${below(1000)}");`;
    case 1:
      return `  // ${w()} the ${w()} before ${w()} ${w()} (${w()}_${w()})`;
    case 2:
      return `  if (${w()}.${w()} === ${below(100)}) return ${w()}_${w()};`;
    case 3:
      return `export async function ${w()}${w()}(${w()}: string): Promise<void> {`;
    case 4:
      return `  ${w()}["${w()}_${w()}"] = 0x${below(65536).toString(16)};`;
    default:
      return "}";
  }
}

function wrong(key: string): string {
  const last = key.at(-1)!;
  return key.slice(0, -1) + (last === "0" ? "1" : "0");
}

function token(lead: string): string {
  let body = "";
  const alnum =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  for (let i = 0; i < 30; i++) body += alnum[below(62)];
  return `${lead}${body}${checksumOf(body)}`;
}

const generators = SPECS.map((spec) => createKeyGenerator(spec));
const planted: string[] = []; // every string to place, valid or not
const expected: string[] = [];
for (let i = 0; i < VALID; i++) {
  const key = generators[i % 3]!();
  planted.push(key);
  expected.push(key);
}
for (let i = 0; i < LOOKALIKES; i++) planted.push(wrong(generators[i % 3]!()));
for (let i = 0; i < TOKENS; i++) {
  for (const lead of ["ghp_", "gho_", "npm_"]) {
    const good = token(lead);
    planted.push(good, wrong(token(lead)));
    expected.push(good);
  }
}

const files = megabytes;
const perFile = Math.ceil(planted.length / files);
const order = planted.map((_, i) => i);
for (let i = order.length - 1; i > 0; i--) {
  const j = below(i + 1);
  [order[i], order[j]] = [order[j]!, order[i]!];
}
await Deno.mkdir(`${out}/corpus`, { recursive: true });
const encoder = new TextEncoder();
for (let f = 0; f < files; f++) {
  const mine = order.slice(f * perFile, (f + 1) * perFile).map((i) =>
    planted[i]!
  );
  const lines: string[] = [];
  let size = 0;
  let next = 0;
  const every = Math.max(1, Math.floor(20_000 / (mine.length + 1)));
  while (size < 1 << 20) {
    let text = line();
    if (next < mine.length && lines.length % every === every - 1) {
      text = `  const secret_${next} = "${mine[next++]}";`;
    }
    lines.push(text);
    size += text.length + 1;
  }
  while (next < mine.length) lines.push(`  key = '${mine[next++]}';`);
  await Deno.writeFile(
    `${out}/corpus/src_${String(f).padStart(4, "0")}.ts`,
    encoder.encode(lines.join("\n") + "\n"),
  );
}

const rules = SPECS.map(rulesFor);
await Deno.writeTextFile(
  `${out}/keymint.rules.json`,
  JSON.stringify(addToRulesConfig(undefined, rules.map((r) => r.shape))),
);
await Deno.writeTextFile(
  `${out}/.secretlintrc.json`,
  JSON.stringify(secretlintConfig(rules)),
);
const hashes = await Promise.all(expected.map(hashKey));
await Deno.writeTextFile(
  `${out}/expected.txt`,
  hashes.sort().join("\n") + "\n",
);
console.log(
  `${files} files, ${VALID} valid keys, ${LOOKALIKES} look-alikes, ${
    TOKENS * 3
  } valid and ${TOKENS * 3} invalid GitHub/npm tokens`,
);
