import assert from "node:assert/strict";
import { jsonForScript } from "../../../web/components/Island.tsx";

Deno.test("jsonForScript() escapes characters that could end the data block", () => {
  const text = jsonForScript({ a: "</script><!-- & \u2028\u2029" });
  assert.doesNotMatch(text, /[<>&\u2028\u2029]/);
  assert.deepEqual(JSON.parse(text), { a: "</script><!-- & \u2028\u2029" });
});
