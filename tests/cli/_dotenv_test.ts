import assert from "node:assert/strict";
import dotenv from "dotenv";
import { quoteForEnv } from "@keymint/core/faces";
import {
  envAssignment,
  setEnvValue,
  ValueAlreadySet,
} from "../../cli/_dotenv.ts";

Deno.test("setEnvValue() replaces every NAME= line, keeping export, blanks, comments", () => {
  const cases: [string, string, boolean, string][] = [
    ["A=\n", "A=1", false, "A=1\n"],
    ["A=''\n", "A=1", false, "A=1\n"],
    ['A=""\r\n', "A=1", false, "A=1\r\n"],
    ["export A= # note\n", "A=1", false, "export A=1 # note\n"],
    ["  A =  \n", "A=1", false, "  A =1  \n"],
    ["A=old # c\nB=2\n", "A=1", true, "A=1 # c\nB=2\n"],
    ['A="two\nlines" # c\nB=2', "A=1", true, "A=1 # c\nB=2"],
    ["A=x\nA=y\n", "A=1", true, "A=1\nA=1\n"],
    ["\uFEFFA=\n", "A=1", false, "\uFEFFA=1\n"],
    ["AB=1\nXA=2\n#A=3\n", "A=1", false, "AB=1\nXA=2\n#A=3\nA=1\n"],
    ["B=2", "A=1", false, "B=2\nA=1\n"],
    ["B=2\r\nC=3", "A=1", false, "B=2\r\nC=3\r\nA=1\r\n"],
    ["", "A=1", false, "A=1\n"],
  ];
  for (const [before, assignment, force, after] of cases) {
    assert.equal(
      setEnvValue(before, assignment, force).text,
      after,
      JSON.stringify(before),
    );
  }
});

Deno.test("setEnvValue() refuses a set value without force, whatever its quoting", () => {
  for (const text of ["A=x\n", "export A='x'\n", 'A="x"\n', "B=1\nA=x"]) {
    assert.throws(() => setEnvValue(text, "A=1", false), ValueAlreadySet);
  }
});

Deno.test("envAssignment() quotes only when needed, and dotenv reads every case back", () => {
  const cases: [string, string][] = [
    ["abc_DEF-1.2:3/4+5=6@7%8,9", "V=abc_DEF-1.2:3/4+5=6@7%8,9"],
    ["a&b$c#d", "V='a&b$c#d'"],
    ["it's", `V="it's"`],
  ];
  for (const [value, line] of cases) {
    assert.equal(envAssignment("V", value), line);
    assert.equal(dotenv.parse(line).V, value);
  }
  assert.equal(quoteForEnv(`'"$`), undefined);
  assert.equal(quoteForEnv("a\nb"), undefined);
});
