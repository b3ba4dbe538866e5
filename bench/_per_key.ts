/**
 * Writes keys through the per-key path, the way the HTTP API and the page
 * make them (not the CLI's bulk chunker), for `bench/randomness.sh`:
 *
 * ```sh
 * deno run bench/_per_key.ts --face api --format alnum --keys 100000 > keys.txt
 * ```
 *
 * `api`: a fresh `createKeyGenerator` per request of 1000 keys (the API's
 * most), as its text answer does. `page`: `generateKeys` of 100 keys per
 * render (the page's most), as the generator island does. Both read their
 * options through `parseKeySpec` with `allowWeak`, as those faces do.
 *
 * @module
 */

import { parseArgs } from "node:util";
import {
  createKeyGenerator,
  generateKeys,
  type LooseKeyOptions,
  parseKeySpec,
} from "@keymint/core";

const { values } = parseArgs({
  args: Deno.args,
  options: {
    face: { type: "string", default: "api" },
    format: { type: "string", default: "alnum" },
    alphabet: { type: "string" },
    keys: { type: "string", default: "100000" },
  },
});

const total = Number(values.keys);
const batch = values.face === "page" ? 100 : 1000;
const options: LooseKeyOptions = { format: values.format, allowWeak: true };
if (values.alphabet !== undefined) options.alphabet = values.alphabet;
const encoder = new TextEncoder();

for (let made = 0; made < total; made += batch) {
  const count = Math.min(batch, total - made);
  const spec = parseKeySpec({ ...options, count });
  let text = "";
  if (values.face === "page") {
    for (const key of generateKeys(spec)) text += key.value + "\n";
  } else {
    const next = createKeyGenerator(spec);
    for (let i = 0; i < count; i++) text += next() + "\n";
  }
  await Deno.stdout.write(encoder.encode(text));
}
