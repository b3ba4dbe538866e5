import assert from "node:assert/strict";
import { RE2JS } from "re2js";
import { parse as parseYaml } from "yaml";
import {
  checksumOf,
  createKeyGenerator,
  entropyFloor,
  formatRules,
  githubPattern,
  type KeyOptions,
  keyShapeOf,
  parseKeySpec,
  RULE_FORMATS,
  rulesFor,
  scanText,
  secretlintConfig,
  shannonEntropy,
  shapeKind,
} from "@keymint/core";

const SHAPES: KeyOptions[] = [
  { prefix: "acme_live" },
  { prefix: "acme", bits: 128 },
  { prefix: "k", format: "hex" },
  { prefix: "k2", format: "base64" },
  { prefix: "k3", format: "base64", checksum: false },
  { prefix: "k4", format: "base58", checksum: false },
  { prefix: "k5", format: "digits", length: 40 },
  { prefix: "k6", format: "crockford" },
  { prefix: "k7", format: "base32", checksum: false },
  { prefix: "k8", format: "custom", alphabet: "ab]^\\-[$.*+?(){}|/!" },
  { prefix: "k9", format: "custom", alphabet: "xyz!@", checksum: false },
];
const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Every way a regex can fail to be exact on these keys, as messages. */
function exactnessFailures(regex: string, keys: readonly string[]): string[] {
  const re = RE2JS.compile(regex);
  const failures: string[] = [];
  const found = (text: string) => {
    const m = re.matcher(text);
    const hits: string[] = [];
    while (m.find()) hits.push(m.group(1)!);
    return hits;
  };
  keys.forEach((key, i) => {
    const extra = ALNUM[i % 62]!;
    const hits = found(`const key = "${key}";`);
    if (hits.length !== 1 || hits[0] !== key) failures.push(`missed ${i}`);
    for (
      const near of [
        key.slice(0, -1), // one shorter
        key + extra, // one longer
        extra + key, // inside a longer token
        key.slice(1), // prefix cut
      ]
    ) {
      if (found(` ${near} `).length !== 0) failures.push(`near miss ${i}`);
    }
  });
  return failures;
}

Deno.test("every exported regex compiles in RE2 and is exact on 10^4 keys and 4x10^4 near misses", () => {
  let total = 0;
  for (const options of SHAPES) {
    const spec = parseKeySpec(options);
    const rules = rulesFor(spec);
    const next = createKeyGenerator(spec);
    const count = 10_000;
    const keys = Array.from({ length: count }, next);
    assert.deepEqual(
      exactnessFailures(rules.pattern.regex, keys).slice(0, 3),
      [],
      `${JSON.stringify(options)}: ${rules.pattern.regex}`,
    );
    total += count;
    // The GitHub fields put together, as the pattern's engine joins them.
    const p = rules.pattern;
    const joined = `(?:${p.before})(${p.secret})(?:${p.after})`;
    assert.ok(RE2JS.compile(joined).matcher(` ${keys[0]} `).find());
  }
  assert.equal(total, SHAPES.length * 10_000);
});

Deno.test("the exactness check catches a regex without its end boundary", () => {
  const spec = parseKeySpec({ prefix: "acme" });
  const keys = Array.from({ length: 100 }, createKeyGenerator(spec));
  const regex = rulesFor(spec).pattern.regex;
  const loose = regex.replace(/\\b$/, "");
  assert.notEqual(loose, regex);
  assert.ok(exactnessFailures(loose, keys).length > 0);
});

Deno.test("exported regexes use no lookaround or backreference", () => {
  for (const options of SHAPES) {
    const { pattern } = rulesFor(parseKeySpec(options));
    for (const part of [pattern.regex, pattern.before, pattern.after]) {
      assert.doesNotMatch(part, /\(\?[=!<]|\\[1-9]/);
    }
  }
});

Deno.test("a wrong checksum still fits the regex shape, but scan rejects it", () => {
  const spec = parseKeySpec({ prefix: "acme_live" });
  const rules = rulesFor(spec);
  const re = RE2JS.compile(rules.pattern.regex);
  const kinds = [shapeKind(keyShapeOf(spec))];
  const next = createKeyGenerator(spec);
  for (let i = 0; i < 10_000; i++) {
    const key = next();
    const last = key.at(-1)!;
    const wrong = key.slice(0, -1) + (last === "a" ? "b" : "a");
    assert.ok(re.matcher(wrong).find());
    assert.equal(scanText(` ${key} ${wrong} `, kinds).length, 1);
  }
});

Deno.test("every example key has a valid checksum and fits its own rule", () => {
  for (const options of SHAPES) {
    const spec = parseKeySpec(options);
    const rules = rulesFor(spec);
    assert.equal(rules.example.length, spec.length);
    assert.ok(RE2JS.compile(rules.pattern.regex).matcher(rules.example).find());
    if (spec.checksum) {
      const body = rules.example.slice(spec.prefix!.length + 1, -6);
      assert.equal(checksumOf(body), rules.example.slice(-6));
    }
  }
  assert.notEqual(
    rulesFor(parseKeySpec({ prefix: "a" })).example,
    rulesFor(parseKeySpec({ prefix: "a" })).example,
  );
});

Deno.test("the gitleaks entropy floor holds for 10^4 keys and rejects a low-entropy one", () => {
  for (
    const options of [{ prefix: "acme_live" }, { prefix: "k", format: "hex" }]
  ) {
    const spec = parseKeySpec(options);
    const floor = entropyFloor(keyShapeOf(spec));
    assert.ok(floor > 1);
    const next = createKeyGenerator(spec);
    let lowest = Infinity;
    for (let i = 0; i < 10_000; i++) {
      lowest = Math.min(lowest, shannonEntropy(next()));
    }
    assert.ok(lowest >= floor, `${lowest} < ${floor}`);
    const body = (spec.format === "hex" ? "a" : "A").repeat(spec.bodyLength);
    const weak = `${spec.prefix}_${body}${checksumOf(body)}`;
    assert.ok(shannonEntropy(weak) < floor);
  }
  assert.equal(
    entropyFloor(
      keyShapeOf(parseKeySpec({ prefix: "a", length: 8, checksum: false })),
    ),
    0,
  );
});

Deno.test("the gitleaks rule is TOML with the fields gitleaks reads", () => {
  const rules = rulesFor(
    parseKeySpec({ prefix: "k8", format: "custom", alphabet: "ab\"\\'" }),
  );
  const toml = formatRules([rules], "gitleaks");
  const lines = toml.trimEnd().split("\n");
  assert.equal(lines[0], "[[rules]]");
  const fields = new Map(
    lines.slice(1).filter((l) => !l.startsWith("#")).map((l) => {
      const at = l.indexOf(" = ");
      return [l.slice(0, at), l.slice(at + 3)] as const;
    }),
  );
  assert.deepEqual([...fields.keys()], [
    "id",
    "description",
    "regex",
    "secretGroup",
    "entropy",
    "keywords",
  ]);
  // TOML basic strings read like JSON strings for these characters.
  assert.equal(JSON.parse(fields.get("regex")!), rules.pattern.regex);
  assert.deepEqual(JSON.parse(fields.get("keywords")!), ["k8_"]);
  assert.equal(fields.get("secretGroup"), "1");
  assert.equal(Number(fields.get("entropy")), rules.entropy);
  assert.match(
    toml,
    new RegExp(
      `# example: ${rules.example.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}`,
    ),
  );
});

Deno.test("the trufflehog detector is YAML with name, keywords and regex", () => {
  const rules = rulesFor(
    parseKeySpec({ prefix: "k9", format: "custom", alphabet: "xy'z" }),
  );
  const doc = parseYaml(
    formatRules([rules, rulesFor(parseKeySpec({ prefix: "b" }))], "trufflehog"),
  );
  assert.equal(doc.detectors.length, 2);
  assert.deepEqual(doc.detectors[0], {
    name: rules.id,
    keywords: ["k9_"],
    regex: { key: rules.pattern.regex },
  });
});

Deno.test("the GitHub pattern has its four fields and a test string that matches", () => {
  const rules = rulesFor(parseKeySpec({ prefix: "acme" }));
  const pattern = githubPattern(rules);
  assert.equal(pattern.secretFormat, "acme_[0-9A-Za-z]{43}[0-9A-Za-z]{6}");
  assert.equal(pattern.afterSecret, "\\z|[^0-9A-Za-z_]");
  assert.equal(pattern.testString, rules.example);
  const text = formatRules([rules], "github");
  assert.match(text, /^Secret format: acme_\[0-9A-Za-z\]\{43\}/m);
  assert.match(text, /^Test string: acme_/m);
});

Deno.test("the secretlint config and the plain regex carry the same expression", () => {
  const rules = [rulesFor(parseKeySpec({ prefix: "k2", format: "base64" }))];
  const config = JSON.parse(formatRules(rules, "secretlint")) as ReturnType<
    typeof secretlintConfig
  >;
  assert.deepEqual(config, secretlintConfig(rules));
  const literal = config.rules[0]!.options.patterns[0]!.patterns[0]!;
  assert.equal(
    literal.slice(1, -1).replaceAll("\\/", "/"),
    rules[0]!.pattern.regex,
  );
  assert.equal(formatRules(rules, "regex"), rules[0]!.pattern.regex + "\n");
  assert.deepEqual(RULE_FORMATS, [
    "gitleaks",
    "trufflehog",
    "github",
    "secretlint",
    "regex",
  ]);
});

Deno.test("rulesFor() refuses a spec without a prefix", () => {
  assert.throws(
    () => rulesFor(parseKeySpec({ format: "hex" })),
    { name: "TypeError", message: /Cannot make rules: they need a prefix/ },
  );
});
