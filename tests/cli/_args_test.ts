import assert from "node:assert/strict";
import { type FlagTable, parseFlags } from "../../cli/_args.ts";
import { hasFlag, scanArgv } from "../../cli/_argv.ts";
import { UsageError } from "../../cli/_message.ts";

const FLAGS = {
  bits: { type: "string", short: "b" },
  json: { type: "boolean" },
} as const satisfies FlagTable;

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

Deno.test("parseFlags() names an unknown flag without the value after =, cut to 12 characters", () => {
  const key = "ghp_" + "a".repeat(36);
  const cases: [string[], string][] = [
    [["--secret-value=hunter2hunter2"], 'unknown flag "--secret-val..."'],
    [[`--${key}`], 'unknown flag "--ghp_aaaaaa..."'],
    [["--jsn"], 'unknown flag "--jsn", did you mean "--json"?'],
  ];
  for (const [args, part] of cases) {
    assert.throws(() => parseFlags(args, FLAGS), (error) => {
      assert.ok(error instanceof UsageError);
      assert.ok(error.message.endsWith(part), error.message);
      assert.ok(!error.message.includes("hunter2"));
      assert.ok(!error.message.includes(key));
      return true;
    });
  }
});

const TYPED = {
  header: { type: "string", multiple: true },
  env: { type: "string", optionalValue: /^[A-Z_][A-Z0-9_]*$/ },
  quiet: { type: "boolean", short: "q" },
} as const satisfies FlagTable;

Deno.test("parseFlags() collects a multiple: true flag into an array, in order", () => {
  const { values } = parseFlags(
    ["--header", "a: 1", "--header=b: 2", "-q"],
    TYPED,
  );
  const headers: readonly string[] | undefined = values.header;
  const quiet: boolean | undefined = values.quiet;
  assert.deepEqual(headers, ["a: 1", "b: 2"]);
  assert.equal(quiet, true);
  // @ts-expect-error A multiple flag is an array, not a string.
  const wrong: string | undefined = values.header;
  assert.ok(Array.isArray(wrong));
});

Deno.test("parseFlags() reads a flag with an optional value alone as empty", () => {
  const cases: [string[], string, readonly string[]][] = [
    [["--env"], "", []],
    [["--env", "laravel"], "", ["laravel"]],
    [["--env", "APP_KEY"], "APP_KEY", []],
    [["--env", "-q"], "", []],
    [["--env=x"], "x", []],
  ];
  for (const [args, env, positionals] of cases) {
    const parsed = parseFlags(args, TYPED);
    assert.equal(parsed.values.env, env, args.join(" "));
    assert.deepEqual(parsed.positionals, positionals, args.join(" "));
  }
});

Deno.test("parseFlags() leaves everything after -- alone, --env and negative numbers too", () => {
  const parsed = parseFlags(["--", "--env", "-5", "--bits"], FLAGS);
  assert.deepEqual(parsed.positionals, ["--env", "-5", "--bits"]);
  assert.deepEqual({ ...parsed.values }, {});
  const argv = scanArgv(["a", "--", "--help"]);
  assert.deepEqual(argv, { flags: ["a"], operands: ["--help"] });
  assert.equal(hasFlag(argv, "--help"), false);
  assert.equal(hasFlag(scanArgv(["--help=x"]), "--help"), true);
});
