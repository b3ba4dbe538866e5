/**
 * What the server reads from a request line before routing it: whether the
 * `Host` is a real host[:port], and the request's path as a log may show
 * it. `Deno.serve` builds `request.url` from the `Host` header, so a Host
 * such as `x/api/v1/keys?count=3` would move the path; a request whose
 * Host is not a valid host[:port] is refused before anything routes it.
 *
 * @module
 */

// A DNS name (labels of letters, digits, "-" and "_", as container names
// use), an IPv4 address or a bracketed IPv6 address, and an optional port.
// The labels cannot hold ".", so the repetition has one way to match: the
// test is linear in the length, which is bounded first anyway.
const HOST =
  /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?(?:\.[A-Za-z0-9_](?:[A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?)*\.?|\[[0-9A-Fa-f:.]{2,45}\])(?::([0-9]{1,5}))?$/;
const MAX_HOST_LENGTH = 261;

/**
 * Whether `host` is a valid `host[:port]` for a `Host` header: a DNS name,
 * IPv4 or bracketed IPv6 address the URL parser accepts, and a port from 0
 * to 65535.
 *
 * @param host The header's value.
 * @returns Whether it is one.
 */
export function isValidHost(host: string): boolean {
  // Nearly every request names the same host: remember the last good one.
  if (host === lastValidHost) return true;
  if (host.length > MAX_HOST_LENGTH) return false;
  const match = HOST.exec(host);
  if (match === null) return false;
  if (match[1] !== undefined && Number(match[1]) > 65_535) return false;
  // A name that ends in a letter cannot be an IPv4 address, and the pattern
  // already judged it; numbers and brackets go to the URL parser, which
  // knows which addresses exist.
  if (!/[A-Za-z_-]\.?(?::\d+)?$/.test(host)) {
    try {
      new URL(`http://${host}/`);
    } catch {
      return false;
    }
  }
  lastValidHost = host;
  return true;
}

let lastValidHost = "localhost";

/**
 * The authority and the target of `request.url` as `Deno.serve` built it,
 * when the authority is a valid host[:port]. The URL is
 * `scheme://authority/target...`: once the authority is known to hold no
 * `/`, `?`, `#`, `@` or `\`, its first `/` starts the request's own target.
 *
 * @param url The request's URL.
 * @returns The origin, its authority (lower case) and the target (path
 * and query), or `undefined`.
 */
export function splitRequestUrl(
  url: string,
): { origin: string; authority: string; target: string } | undefined {
  const start = url.indexOf("://");
  if (start === -1) return undefined;
  const slash = url.indexOf("/", start + 3);
  const raw = url.slice(start + 3, slash === -1 ? url.length : slash);
  if (!isValidHost(raw)) return undefined;
  const authority = raw.toLowerCase();
  return {
    origin: url.slice(0, start + 3) + authority,
    authority,
    target: slash === -1 ? "/" : url.slice(slash),
  };
}

/** The most characters of a path a log line shows. */
export const MAX_LOGGED_PATH = 80;

/**
 * A path as a log line may carry it: the raw, still percent-encoded path
 * (no query), cut to {@linkcode MAX_LOGGED_PATH} characters (then `...`),
 * with every character outside printable ASCII written as `%XX` or
 * `%u{X}`, so that no input can start a second line or send a
 * terminal an escape code.
 *
 * @param path The raw path.
 * @returns One line of printable ASCII without spaces.
 */
export function loggablePath(path: string): string {
  const cut = path.length > MAX_LOGGED_PATH;
  const shown = path.slice(0, MAX_LOGGED_PATH).replace(
    /[^\x21-\x7e]/g,
    (char) => {
      const code = char.charCodeAt(0);
      return code < 256
        ? `%${code.toString(16).padStart(2, "0")}`
        : `%u{${code.toString(16)}}`;
    },
  );
  return cut ? `${shown}...` : shown;
}

/**
 * The path part of a request's raw target: up to the query or fragment.
 *
 * @param target The target, from {@linkcode splitRequestUrl}.
 * @returns The path.
 */
export function pathOf(target: string): string {
  for (let i = 0; i < target.length; i++) {
    const code = target.charCodeAt(i);
    if (code === 0x3f || code === 0x23) return target.slice(0, i); // ? #
  }
  return target;
}
