import assert from "node:assert/strict";
import { VERSION } from "../../cli/version.ts";

Deno.test("VERSION equals the version in cli/deno.json", async () => {
  const config = JSON.parse(
    await Deno.readTextFile(new URL("../../cli/deno.json", import.meta.url)),
  );
  assert.equal(VERSION, config.version);
});
