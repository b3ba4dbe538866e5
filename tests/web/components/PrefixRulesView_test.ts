import assert from "node:assert/strict";
import { RULE_FORMATS } from "@keymint/core";
import { RULE_LABELS } from "../../../web/components/PrefixRulesView.tsx";

Deno.test("the rules view lists every rule format of the core, in its order", () => {
  assert.deepEqual(Object.keys(RULE_LABELS), [...RULE_FORMATS]);
});

Deno.test("the rules view's list check catches a missing or reordered format", () => {
  const [first, second, ...rest] = Object.keys(RULE_LABELS);
  assert.notDeepEqual([second, first, ...rest], [...RULE_FORMATS]);
  assert.notDeepEqual([first, ...rest], [...RULE_FORMATS]);
});
