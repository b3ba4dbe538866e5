/**
 * Running openssl from tests, and the ECDSA signature conversions between
 * JWS (`r || s`) and the DER that openssl reads and writes.
 *
 * @module
 */

/** Whether openssl can run here; tests that need it skip otherwise. */
export async function opensslAvailable(): Promise<boolean> {
  try {
    const { success } = await new Deno.Command("openssl", {
      args: ["version"],
      stdout: "null",
      stderr: "null",
    }).output();
    return success;
  } catch {
    return false;
  }
}

/** The outcome of one openssl run. */
export interface OpensslResult {
  success: boolean;
  stdout: string;
  stderr: string;
  bytes: Uint8Array;
}

/** Runs `openssl ...args` in `cwd`. */
export async function openssl(
  cwd: string,
  ...args: string[]
): Promise<OpensslResult> {
  const out = await new Deno.Command("openssl", { args, cwd, stdin: "null" })
    .output();
  const decoder = new TextDecoder();
  return {
    success: out.success,
    stdout: decoder.decode(out.stdout),
    stderr: decoder.decode(out.stderr),
    bytes: out.stdout,
  };
}

/** A JWS ECDSA signature (`r || s`, each `size` bytes) as DER. */
export function rawToDer(raw: Uint8Array): Uint8Array {
  const half = raw.length / 2;
  const integer = (bytes: Uint8Array) => {
    let start = 0;
    while (start < bytes.length - 1 && bytes[start] === 0) start++;
    const trimmed = bytes.subarray(start);
    const body = trimmed[0]! >= 0x80
      ? Uint8Array.of(0, ...trimmed)
      : Uint8Array.from(trimmed);
    return [0x02, ...length(body.length), ...body];
  };
  const content = [
    ...integer(raw.subarray(0, half)),
    ...integer(raw.subarray(half)),
  ];
  return Uint8Array.from([0x30, ...length(content.length), ...content]);
}

/** A DER ECDSA signature as JWS `r || s` with `size`-byte halves. */
export function derToRaw(der: Uint8Array, size: number): Uint8Array {
  let offset = 2 + (der[1]! > 0x80 ? der[1]! - 0x80 : 0);
  const out = new Uint8Array(2 * size);
  for (const half of [0, 1]) {
    if (der[offset] !== 0x02) throw new Error("not a DER ECDSA signature");
    const len = der[offset + 1]!;
    let value = der.subarray(offset + 2, offset + 2 + len);
    while (value.length > size && value[0] === 0) value = value.subarray(1);
    out.set(value, half * size + size - value.length);
    offset += 2 + len;
  }
  return out;
}

function length(n: number): number[] {
  return n < 0x80 ? [n] : [0x81, n];
}
