import assert from "node:assert/strict";
import fc from "fast-check";
import { parseKeySpec } from "@keymint/core";
import {
  DEFAULT_OPTIONS,
  type GeneratorOptions,
  optionsFromQuery,
  optionsToCommand,
  optionsToCurl,
  optionsToPath,
  shownFormat,
  strengthOf,
  toKeyOptions,
} from "../../web/options.ts";

function options(patch: Partial<GeneratorOptions>): GeneratorOptions {
  return { ...DEFAULT_OPTIONS, ...patch };
}

Deno.test("optionsFromQuery() starts from the defaults on an empty query", () => {
  assert.deepEqual(optionsFromQuery(new URLSearchParams()), DEFAULT_OPTIONS);
});

Deno.test("optionsFromQuery() resolves format aliases to the canonical name", () => {
  assert.equal(
    optionsFromQuery(new URLSearchParams("format=base62")).format,
    "alnum",
  );
  assert.equal(
    optionsFromQuery(new URLSearchParams("format=HEX")).format,
    "hex",
  );
});

Deno.test("optionsFromQuery() keeps an unknown format as text for the error message", () => {
  assert.equal(
    optionsFromQuery(new URLSearchParams("format=nope")).format,
    "nope",
  );
});

Deno.test("optionsFromQuery() reads an alphabet alone as the custom format", () => {
  const read = optionsFromQuery(new URLSearchParams("alphabet=xyz"));
  assert.equal(read.format, "custom");
  assert.equal(read.alphabet, "xyz");
});

Deno.test("optionsFromQuery() leaves the format to the core without one, as --prefix does", () => {
  const read = optionsFromQuery(new URLSearchParams("prefix=sk_live"));
  assert.equal(read.format, "");
  assert.equal(shownFormat(read), "alnum");
  assert.equal(
    parseKeySpec(toKeyOptions(read)).format,
    parseKeySpec({ prefix: "sk_live" }).format,
  );
  assert.equal(
    optionsFromQuery(new URLSearchParams("prefix=sk_live&format=hex")).format,
    "hex",
  );
});

Deno.test("optionsFromQuery() reads checksum=false and checksum=0 as off", () => {
  assert.equal(
    optionsFromQuery(new URLSearchParams("checksum=false")).checksum,
    false,
  );
  assert.equal(
    optionsFromQuery(new URLSearchParams("checksum=0")).checksum,
    false,
  );
  assert.equal(
    optionsFromQuery(new URLSearchParams("checksum=true")).checksum,
    true,
  );
});

Deno.test("optionsFromQuery() takes the preset from the path before the query", () => {
  const read = optionsFromQuery(
    new URLSearchParams("preset=django&count=4"),
    "laravel",
  );
  assert.equal(read.preset, "laravel");
  assert.equal(read.count, "4");
});

Deno.test("toKeyOptions() sends a preset with its count only", () => {
  const sent = toKeyOptions(
    options({ preset: "laravel", format: "base58", prefix: "x", count: "2" }),
  );
  assert.deepEqual(sent, { preset: "laravel", count: "2" });
  assert.equal(parseKeySpec(sent).preset, "laravel");
});

Deno.test("toKeyOptions() sends length instead of bits when a length is set", () => {
  const sent = toKeyOptions(options({ length: " 40 " }));
  assert.equal(sent.length, "40");
  assert.equal(sent.bits, undefined);
  assert.equal(parseKeySpec(sent).length, 40);
});

Deno.test("toKeyOptions() sends the alphabet only for the custom format", () => {
  assert.equal(toKeyOptions(options({ alphabet: "ab" })).alphabet, undefined);
  assert.equal(
    toKeyOptions(options({ format: "custom", alphabet: "ab" })).alphabet,
    "ab",
  );
});

Deno.test("toKeyOptions() sends checksum only with a prefix", () => {
  assert.equal(toKeyOptions(options({ checksum: false })).checksum, undefined);
  const sent = toKeyOptions(options({ prefix: "sk_live", checksum: false }));
  assert.equal(sent.checksum, false);
  assert.equal(parseKeySpec(sent).checksum, false);
});

Deno.test("optionsToPath() writes only what differs from the defaults", () => {
  assert.equal(optionsToPath(DEFAULT_OPTIONS), "/");
  assert.equal(
    optionsToPath(options({ format: "base58", bits: "128" })),
    "/?format=base58&bits=128",
  );
  assert.equal(
    optionsToPath(options({ prefix: "sk_live", checksum: false, count: "3" })),
    "/?prefix=sk_live&checksum=false&count=3",
  );
  assert.equal(
    optionsToPath(options({ format: "hex", prefix: "sk_live" })),
    "/?format=hex&prefix=sk_live",
  );
  assert.equal(
    optionsToPath(options({ format: "alnum", prefix: "sk_live" })),
    "/?prefix=sk_live",
  );
  assert.equal(
    optionsToPath(options({ preset: "laravel" })),
    "/presets/laravel",
  );
  assert.equal(
    optionsToPath(options({ preset: "laravel", count: "2" })),
    "/presets/laravel?count=2",
  );
});

Deno.test("optionsToPath() and optionsFromQuery() round-trip any options", () => {
  const text = fc.string({ maxLength: 10 });
  fc.assert(
    fc.property(
      fc.record({
        format: fc.constantFrom(
          "",
          "hex",
          "base58",
          "alnum",
          "custom",
          "digits",
        ),
        bits: fc.constantFrom("128", "192", "256", "384", "512"),
        length: fc.oneof(
          fc.constant(""),
          fc.integer({ min: 1, max: 999 }).map(String),
        ),
        count: fc.integer({ min: 1, max: 100 }).map(String),
        alphabet: text.filter((s) => s !== ""),
        prefix: text,
        checksum: fc.boolean(),
      }),
      (fields) => {
        const before = options(fields);
        const url = new URL(optionsToPath(before), "http://localhost");
        const after = optionsFromQuery(url.searchParams);
        // A format that is the default for the rest may be left implied.
        const sent = (o: GeneratorOptions) =>
          toKeyOptions({ ...o, format: shownFormat(o) });
        assert.deepEqual(sent(after), sent(before));
      },
    ),
  );
});

Deno.test("optionsToCommand() writes the equivalent keymint command", () => {
  assert.equal(optionsToCommand(DEFAULT_OPTIONS), "keymint");
  assert.equal(
    optionsToCommand(options({ format: "base58", bits: "128" })),
    "keymint base58 --bits 128",
  );
  assert.equal(
    optionsToCommand(
      options({ prefix: "sk_live", checksum: false, count: "5" }),
    ),
    "keymint --prefix sk_live --no-checksum --count 5",
  );
  assert.equal(
    optionsToCommand(options({ format: "hex", prefix: "sk_live" })),
    "keymint hex --prefix sk_live",
  );
  assert.equal(
    optionsToCommand(options({ format: "alnum", prefix: "sk_live" })),
    "keymint --prefix sk_live",
  );
  assert.equal(
    optionsToCommand(options({ preset: "laravel", count: "2" })),
    "keymint preset laravel --count 2",
  );
  assert.equal(
    optionsToCommand(options({ format: "custom", alphabet: "it's" })),
    `keymint custom --alphabet 'it'\\''s'`,
  );
});

Deno.test("optionsToCurl() writes the equivalent API request", () => {
  assert.equal(
    optionsToCurl(DEFAULT_OPTIONS, "https://k.example"),
    "curl https://k.example/api/v1/keys",
  );
  assert.equal(
    optionsToCurl(
      options({ format: "base64url", count: "3" }),
      "https://k.example",
    ),
    "curl 'https://k.example/api/v1/keys?format=base64url&count=3'",
  );
  assert.equal(
    optionsToCurl(options({ preset: "django" }), "https://k.example"),
    "curl 'https://k.example/api/v1/keys?preset=django'",
  );
});

Deno.test("strengthOf() rates against the core's recommended 128 bits", () => {
  assert.equal(strengthOf(20).rating, "weak");
  assert.equal(strengthOf(63).rating, "weak");
  assert.equal(strengthOf(64).rating, "fair");
  assert.equal(strengthOf(127).rating, "fair");
  assert.equal(strengthOf(128).rating, "strong");
  assert.equal(strengthOf(255).rating, "strong");
  assert.equal(strengthOf(256).rating, "very strong");
  assert.match(strengthOf(20).words, /never a secret/);
});
