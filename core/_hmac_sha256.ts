/**
 * HMAC-SHA256 (RFC 2104 over FIPS 180-4 SHA-256) in plain TypeScript, for
 * checking small webhook deliveries synchronously.
 *
 * Web Crypto's `sign` is asynchronous: each call is a round trip to a
 * worker thread that costs more than hashing a small delivery, and much
 * more when the machine is busy. Here a key is turned once into the two
 * midstates of RFC 2104 (the hash state after the inner and the outer
 * padded key block), so a MAC costs the message's blocks plus one. Larger
 * messages go to Web Crypto (see `_webhook_keys.ts`). The tests compare
 * this file with Web Crypto on random keys and messages of every length
 * around the block boundaries, and with the FIPS 180-4 and RFC 4231
 * vectors.
 *
 * Every step is additions, rotations and xors on 32-bit words: nothing
 * depends on the data through a table lookup or a branch.
 *
 * @module
 */

/** The first 32 bits of the fractional parts of roots of the first primes. */
function rootWords(count: number, root: (n: number) => number): Uint32Array {
  const words = new Uint32Array(count);
  let found = 0;
  for (let n = 2; found < count; n++) {
    let prime = true;
    for (let d = 2; d * d <= n; d++) if (n % d === 0) prime = false;
    if (!prime) continue;
    const value = root(n);
    words[found++] = Math.floor((value - Math.floor(value)) * 2 ** 32);
  }
  return words;
}

// FIPS 180-4 section 4.2.2 (cube roots of the first 64 primes) and section
// 5.3.3 (square roots of the first 8); the test vectors pin every word.
const K = rootWords(64, Math.cbrt);
const H0 = rootWords(8, Math.sqrt);

/** The two hash states an HMAC key comes down to. */
export interface HmacMidstates {
  /** SHA-256 state after the block `key XOR ipad`. */
  readonly inner: Uint32Array;
  /** SHA-256 state after the block `key XOR opad`. */
  readonly outer: Uint32Array;
}

const w = new Uint32Array(64);

/** Runs the compression function over the 64-byte block at `offset`. */
function compress(state: Uint32Array, block: Uint8Array, offset: number): void {
  for (let i = 0; i < 16; i++) {
    const j = offset + 4 * i;
    w[i] = (block[j]! << 24) | (block[j + 1]! << 16) | (block[j + 2]! << 8) |
      block[j + 3]!;
  }
  for (let i = 16; i < 64; i++) {
    const a = w[i - 15]!;
    const b = w[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^
      (b >>> 10);
    w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!;
  let e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^
      ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + s1 + ch + K[i]! + w[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^
      ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (s0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = state[0]! + a;
  state[1] = state[1]! + b;
  state[2] = state[2]! + c;
  state[3] = state[3]! + d;
  state[4] = state[4]! + e;
  state[5] = state[5]! + f;
  state[6] = state[6]! + g;
  state[7] = state[7]! + h;
}

/**
 * Finishes a hash whose state already covers `before` bytes (whole
 * blocks) over `data`, and returns the 32-byte digest.
 */
function finish(
  state: Uint32Array,
  before: number,
  data: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const whole = data.length - (data.length % 64);
  for (let offset = 0; offset < whole; offset += 64) {
    compress(state, data, offset);
  }
  // The tail, 0x80, zeros, and the length in bits as 64 bits big-endian.
  const rest = data.length - whole;
  const tail = new Uint8Array(rest < 56 ? 64 : 128);
  tail.set(data.subarray(whole));
  tail[rest] = 0x80;
  const bits = (before + data.length) * 8;
  const view = new DataView(tail.buffer);
  view.setUint32(tail.length - 8, Math.floor(bits / 2 ** 32));
  view.setUint32(tail.length - 4, bits >>> 0);
  for (let offset = 0; offset < tail.length; offset += 64) {
    compress(state, tail, offset);
  }
  const digest = new Uint8Array(32);
  const out = new DataView(digest.buffer);
  for (let i = 0; i < 8; i++) out.setUint32(4 * i, state[i]!);
  return digest;
}

/** SHA-256 of `data`. */
export function sha256(data: Uint8Array): Uint8Array<ArrayBuffer> {
  return finish(new Uint32Array(H0), 0, data);
}

/** The RFC 2104 midstates of `key`. */
export function hmacMidstates(key: Uint8Array): HmacMidstates {
  const block = new Uint8Array(64);
  block.set(key.length > 64 ? sha256(key) : key);
  const inner = new Uint32Array(H0);
  const outer = new Uint32Array(H0);
  for (let i = 0; i < 64; i++) block[i] = block[i]! ^ 0x36;
  compress(inner, block, 0);
  for (let i = 0; i < 64; i++) block[i] = block[i]! ^ 0x36 ^ 0x5c;
  compress(outer, block, 0);
  block.fill(0);
  return { inner, outer };
}

/** HMAC-SHA256 of `data` under the key the midstates came from. */
export function hmacSha256(
  key: HmacMidstates,
  data: Uint8Array,
): Uint8Array<ArrayBuffer> {
  const inner = finish(new Uint32Array(key.inner), 64, data);
  return finish(new Uint32Array(key.outer), 64, inner);
}
