import assert from "node:assert/strict";
import fc from "fast-check";
import {
  FORMATS,
  generateKey,
  inspectKey,
  parseKeySpec,
  parseStructuredKey,
} from "@keymint/core";

const NAMED = FORMATS.filter((format) => format.name !== "custom").map((
  format,
) => format.name);

/** Any valid option set: a format, a size, an optional prefix. */
const validOptions = fc.record({
  format: fc.constantFrom(...NAMED),
  size: fc.oneof(
    fc.record({ bits: fc.integer({ min: 8, max: 1024 }) }),
    fc.record({ length: fc.integer({ min: 1, max: 300 }) }),
  ),
  prefix: fc.option(
    fc.stringMatching(/^[a-z][a-z0-9]{0,7}(?:_[a-z0-9]{1,6}){0,2}$/),
    { nil: undefined },
  ),
  checksum: fc.boolean(),
}).map(({ format, size, prefix, checksum }) => {
  const options: Record<string, unknown> = { format, ...size };
  if ("length" in size && format === "base64") {
    options.length = Math.ceil(size.length / 4) * 4;
  }
  if (prefix !== undefined && format !== "base64url") {
    options.prefix = prefix;
    options.checksum = checksum;
  }
  return options;
});

Deno.test("generateKey() output matches its spec's length and alphabet for any valid options", () => {
  fc.assert(
    fc.property(validOptions, (options) => {
      const spec = parseKeySpec({ ...options, allowWeak: true });
      const key = generateKey(spec);
      assert.equal(key.length, spec.length);
      let body = key;
      if (spec.prefix !== undefined) {
        assert.ok(key.startsWith(`${spec.prefix}_`));
        body = key.slice(
          spec.prefix.length + 1,
          spec.checksum ? -6 : undefined,
        );
      }
      const allowed = new Set(
        spec.alphabet + (spec.format === "base64" ? "=" : ""),
      );
      for (const char of body) {
        assert.ok(allowed.has(char), `${char} in ${spec.format}`);
      }
    }),
    { numRuns: 300, seed: 20261128 },
  );
});

Deno.test("structured keys round-trip through parseStructuredKey() and inspectKey()", async () => {
  await fc.assert(
    fc.asyncProperty(validOptions, async (options) => {
      const spec = parseKeySpec({ ...options, allowWeak: true });
      const key = generateKey(spec);
      const report = await inspectKey(key);
      assert.equal(report.length, key.length);
      assert.ok(!report.masked.includes(key));
      if (spec.prefix === undefined) {
        // Only base64url can hold "_"; such a key may read as prefixed.
        if (!key.includes("_")) {
          assert.equal(report.prefix, null);
          assert.equal(report.checksum, "none");
        }
        return;
      }
      const parts = parseStructuredKey(key);
      assert.equal(parts?.prefix, spec.prefix);
      assert.equal(report.prefix, spec.prefix);
      if (spec.checksum) {
        assert.equal(parts?.valid, true);
        assert.equal(report.checksum, "valid");
        assert.equal(parts?.body.length, spec.bodyLength);
      }
    }),
    { numRuns: 200, seed: 20261128 },
  );
});

Deno.test("inspectKey() never estimates more bits than generated for plain alnum and hex keys", async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom("alnum", "hex", "digits"),
      fc.integer({ min: 128, max: 1024 }),
      async (format, bits) => {
        const spec = parseKeySpec({ format, bits });
        const report = await inspectKey(generateKey(spec));
        // An estimate from one sample can only find a smaller alphabet than the real one.
        assert.ok(
          report.bits <= spec.bits + 6,
          `${report.bits} vs ${spec.bits}`,
        );
      },
    ),
    { numRuns: 100, seed: 20261128 },
  );
});

Deno.test("parseKeySpec() throws only TypeError or RangeError for arbitrary input", () => {
  fc.assert(
    fc.property(
      fc.record({
        format: fc.option(fc.string(), { nil: undefined }),
        bits: fc.option(fc.oneof(fc.string(), fc.integer(), fc.double()), {
          nil: undefined,
        }),
        length: fc.option(fc.oneof(fc.string(), fc.integer()), {
          nil: undefined,
        }),
        count: fc.option(fc.oneof(fc.string(), fc.integer()), {
          nil: undefined,
        }),
        alphabet: fc.option(fc.string({ unit: "grapheme", maxLength: 300 }), {
          nil: undefined,
        }),
        prefix: fc.option(fc.string(), { nil: undefined }),
        checksum: fc.option(fc.oneof(fc.boolean(), fc.string()), {
          nil: undefined,
        }),
      }, { requiredKeys: [] }),
      (options) => {
        try {
          const spec = parseKeySpec(options as never);
          assert.ok(spec.length >= 1);
        } catch (error) {
          assert.ok(
            error instanceof TypeError || error instanceof RangeError,
            String(error),
          );
        }
      },
    ),
    { numRuns: 2000, seed: 20261128 },
  );
});
