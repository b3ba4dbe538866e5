/**
 * Decodes keys of a byte format, one per line, back to their bytes with an
 * independent decoder (`@scure/base`), for `bench/randomness.sh` to judge
 * the byte encoders with `ent` and `rngtest`:
 *
 * ```sh
 * deno run --allow-read --allow-write bench/_decode_keys.ts base64url keys.txt bytes.bin
 * ```
 *
 * Exit 1 when a line does not decode (the encoder wrote something its
 * format does not allow), 2 on bad arguments.
 *
 * @module
 */

import {
  base32crockford,
  base32nopad,
  base64,
  base64urlnopad,
  hex,
} from "@scure/base";

const DECODERS: Record<string, (line: string) => Uint8Array> = {
  hex: (line) => hex.decode(line),
  base64: (line) => base64.decode(line),
  base64url: (line) => base64urlnopad.decode(line),
  base32: (line) => base32nopad.decode(line),
  crockford: (line) => base32crockford.decode(line.toUpperCase()),
};

const [format, input, output] = Deno.args;
const decode = format === undefined ? undefined : DECODERS[format];
if (decode === undefined || input === undefined || output === undefined) {
  console.error(
    `usage: _decode_keys.ts ${Object.keys(DECODERS).join("|")} IN OUT`,
  );
  Deno.exit(2);
}

const lines = (await Deno.readTextFile(input)).split("\n").filter(Boolean);
const first = decode(lines[0]!).length;
const bytes = new Uint8Array(lines.length * first);
for (let i = 0; i < lines.length; i++) {
  let decoded: Uint8Array;
  try {
    decoded = decode(lines[i]!);
  } catch (error) {
    console.error(`${format}: line ${i + 1} does not decode: ${error}`);
    Deno.exit(1);
  }
  if (decoded.length !== first) {
    console.error(`${format}: line ${i + 1} has ${decoded.length} bytes`);
    Deno.exit(1);
  }
  bytes.set(decoded, i * first);
}
await Deno.writeFile(output, bytes);
console.log(`${format}: ${lines.length} keys, ${bytes.length} bytes decoded`);
