import assert from "node:assert/strict";
import { parseFlags } from "../../cli/_args.ts";
import { UsageError } from "../../cli/_message.ts";

const FLAGS = {
  bits: { type: "string", short: "b" },
  json: { type: "boolean" },
} as const;

Deno.test("parseFlags() reads long, short and = forms", () => {
  const { values, positionals } = parseFlags(["--bits", "9", "x"], FLAGS);
  assert.deepEqual({ ...values }, { bits: "9" });
  assert.deepEqual(positionals, ["x"]);
  assert.equal(parseFlags(["-b", "9"], FLAGS).values.bits, "9");
  assert.equal(parseFlags(["--bits=9"], FLAGS).values.bits, "9");
  assert.equal(parseFlags(["--json"], FLAGS).values.json, true);
});

Deno.test("parseFlags() passes a negative number on as a value", () => {
  assert.equal(parseFlags(["--bits", "-5"], FLAGS).values.bits, "-5");
  assert.equal(parseFlags(["-b", "-0.5"], FLAGS).values.bits, "-0.5");
});

Deno.test("parseFlags() keeps arguments after -- as positionals", () => {
  assert.deepEqual(parseFlags(["--", "--json", "-5"], FLAGS).positionals, [
    "--json",
    "-5",
  ]);
});

Deno.test("parseFlags() rejects bad flags with UsageError messages", () => {
  const cases: [string[], string][] = [
    [
      ["--bitz"],
      'Cannot parse arguments: unknown flag "--bitz", did you mean "--bits"?',
    ],
    [
      ["--jsno=1"],
      'Cannot parse arguments: unknown flag "--jsno", did you mean "--json"?',
    ],
    [["--zzzzzz"], 'Cannot parse arguments: unknown flag "--zzzzzz"'],
    [["-x"], 'Cannot parse arguments: unknown flag "-x"'],
    [["--bits"], "Cannot parse arguments: --bits needs a value"],
    [["--bits", "--json"], "Cannot parse arguments: --bits needs a value"],
    [["--json=true"], "Cannot parse arguments: --json takes no value"],
    [
      ["--json", "--json"],
      "Cannot parse arguments: --json is given more than once",
    ],
  ];
  for (const [args, message] of cases) {
    assert.throws(() => parseFlags(args, FLAGS), (error) => {
      assert.ok(error instanceof UsageError);
      assert.ok(error instanceof TypeError);
      assert.equal(error.message, message);
      return true;
    }, args.join(" "));
  }
});

Deno.test("parseFlags() does not quote an unknown flag when told not to", () => {
  assert.throws(
    () => parseFlags(["--secret-value"], FLAGS, { quoteUnknown: false }),
    { message: "Cannot parse arguments: unknown flag" },
  );
});
