/**
 * A per-client rate limit for the API: one token bucket per client address,
 * held in memory, in a map of bounded size. A client may make `burst`
 * requests at once and `perMinute` a minute on average; past that it gets
 * a 429 with `Retry-After`.
 *
 * @module
 */

/** The rate limit's settings. */
export interface RateLimitSettings {
  /** Requests per client per minute, on average (the refill rate). */
  readonly perMinute: number;
  /** The bucket's size: requests a client may make at once. */
  readonly burst: number;
  /**
   * The most clients remembered at once; past that the client seen least
   * recently is forgotten (and starts again with a full bucket).
   */
  readonly maxClients: number;
  /**
   * Whether to key on the last address of `X-Forwarded-For` (the one the
   * proxy in front of the server saw) instead of the connection's peer.
   * Only right behind a proxy that sets the header: anyone else can write it.
   */
  readonly trustForwardedFor: boolean;
}

/** The defaults, for a public host. */
export const DEFAULT_RATE_LIMIT: RateLimitSettings = Object.freeze({
  perMinute: 120,
  burst: 60,
  maxClients: 10_000,
  trustForwardedFor: false,
});

/** The environment variables that set the rate limit, by setting. */
export const RATE_LIMIT_ENV = Object.freeze({
  perMinute: "KEYMINT_RATE_LIMIT",
  burst: "KEYMINT_RATE_BURST",
  maxClients: "KEYMINT_RATE_CLIENTS",
  trustForwardedFor: "KEYMINT_TRUST_FORWARDED_FOR",
});

/**
 * Reads the rate limit from the environment: `KEYMINT_RATE_LIMIT` (per
 * minute; `0` turns the limit off), `KEYMINT_RATE_BURST`,
 * `KEYMINT_RATE_CLIENTS` and `KEYMINT_TRUST_FORWARDED_FOR` (`1` or `true`).
 *
 * @param env Looks up one variable.
 * @returns The settings, or `undefined` when the limit is off.
 * @throws {RangeError} For a value that is not a whole number.
 */
export function rateLimitFromEnv(
  env: (name: string) => string | undefined,
): RateLimitSettings | undefined {
  const number = (name: string, fallback: number, min: number): number => {
    const text = env(name);
    if (text === undefined || text === "") return fallback;
    if (!/^[0-9]{1,9}$/.test(text) || Number(text) < min) {
      throw new RangeError(
        `Cannot read ${name}: expected a whole number from ${min}, got ${
          JSON.stringify(text.slice(0, 12))
        }`,
      );
    }
    return Number(text);
  };
  const perMinute = number(
    RATE_LIMIT_ENV.perMinute,
    DEFAULT_RATE_LIMIT.perMinute,
    0,
  );
  if (perMinute === 0) return undefined;
  const trust = (env(RATE_LIMIT_ENV.trustForwardedFor) ?? "").toLowerCase();
  return {
    perMinute,
    burst: number(RATE_LIMIT_ENV.burst, DEFAULT_RATE_LIMIT.burst, 1),
    maxClients: number(
      RATE_LIMIT_ENV.maxClients,
      DEFAULT_RATE_LIMIT.maxClients,
      1,
    ),
    trustForwardedFor: trust === "1" || trust === "true",
  };
}

interface Bucket {
  tokens: number;
  at: number;
}

/** Token buckets by client, the least recently seen first. */
export class RateLimiter {
  readonly settings: RateLimitSettings;
  readonly #buckets = new Map<string, Bucket>();
  readonly #perMs: number;
  /** The client of the last call: the map's last entry. */
  #newest: string | undefined;

  /** @param settings The limit. */
  constructor(settings: RateLimitSettings) {
    this.settings = settings;
    this.#perMs = settings.perMinute / 60_000;
  }

  /** How many clients are remembered now. */
  get size(): number {
    return this.#buckets.size;
  }

  /**
   * Takes one token from the client's bucket.
   *
   * @param client The client's key (see {@linkcode clientKey}); a request
   * without one (made in-process) always goes ahead.
   * @param now The time in milliseconds.
   * @returns 0 when the request may go ahead, else the whole seconds to
   * wait before the next one may.
   */
  take(client: string | undefined, now: number = Date.now()): number {
    if (client === undefined) return 0;
    const buckets = this.#buckets;
    const { burst, maxClients } = this.settings;
    let bucket = buckets.get(client);
    if (bucket === undefined) {
      bucket = { tokens: burst, at: now };
      while (buckets.size > 0 && buckets.size >= maxClients) {
        buckets.delete(buckets.keys().next().value!);
      }
      buckets.set(client, bucket);
    } else {
      // Delete and set again: the map's order is then the order of last
      // use (nothing to move when the client is already the last one). The
      // bucket itself is updated in place.
      if (client !== this.#newest) {
        buckets.delete(client);
        buckets.set(client, bucket);
      }
      bucket.tokens = Math.min(
        burst,
        bucket.tokens + Math.max(0, now - bucket.at) * this.#perMs,
      );
      bucket.at = now;
    }
    this.#newest = client;
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / this.#perMs / 1000));
  }
}

/** What `Deno.serve` tells a handler about the connection. */
export interface ConnectionInfo {
  readonly remoteAddr?: {
    readonly transport?: string;
    readonly hostname?: string;
    readonly path?: string;
  };
}

/**
 * The key a client is limited by: its IPv4 address, or the first 64 bits
 * of its IPv6 address (one subscriber's network, which one host can roam
 * freely), or the last `X-Forwarded-For` entry when one is given (pass it
 * only when the proxy in front is trusted to set it).
 *
 * @param info The connection, from `Deno.serve`; `undefined` in-process.
 * @param forwardedFor The `X-Forwarded-For` header, when it is trusted.
 * @returns The key, or `undefined` when there is no client address (a
 * request made in-process, as tests do), which is not limited.
 */
export function clientKey(
  info: ConnectionInfo | undefined,
  forwardedFor?: string,
): string | undefined {
  let address: string | undefined;
  if (forwardedFor !== undefined) {
    const last = forwardedFor.slice(-100).split(",").pop()?.trim();
    if (last) address = last;
  }
  const remote = info?.remoteAddr;
  if (address === undefined && remote !== undefined) {
    address = remote.hostname ?? `${remote.transport ?? "unix"}:${remote.path}`;
  }
  if (address === undefined) return undefined;
  return address.includes(":") && !address.startsWith("unix")
    ? ipv6Network(address)
    : address;
}

/** The first four groups of an IPv6 address, written out in full. */
function ipv6Network(address: string): string {
  const bare = address.replace(/^\[|\](:\d+)?$/g, "").replace(/%.*$/, "");
  if (/^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(bare)) return bare.slice(7);
  const [head = "", tail] = bare.split("::", 2);
  const front = head === "" ? [] : head.split(":");
  const back = tail === undefined || tail === "" ? [] : tail.split(":");
  const groups = tail === undefined ? front : [
    ...front,
    ...Array(Math.max(0, 8 - front.length - back.length)).fill("0"),
    ...back,
  ];
  return groups.slice(0, 4).map((group) => group.toLowerCase() || "0").join(
    ":",
  ) + "::/64";
}
