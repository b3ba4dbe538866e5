/**
 * Reading a JWT's header and claims without verifying it: enough to say
 * which algorithm signs it and when it expires.
 *
 * @module
 */

/** What a JWT says about itself; nothing here is verified. */
export interface JwtSummary {
  /** The `alg` header, or null when missing or not a string. */
  readonly alg: string | null;
  /** The `exp` claim in seconds since the epoch, or null. */
  readonly exp: number | null;
  /** The `iss` claim, or null. */
  readonly iss: string | null;
  /** Characters in the signature part. */
  readonly signatureLength: number;
}

function decodePart(part: string): unknown {
  const base64 = part.replaceAll("-", "+").replaceAll("_", "/");
  const padded = base64 + "=".repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Seconds since the epoch that a Date can hold (8.64e15 ms either way). */
function isDate(value: unknown): value is number {
  return typeof value === "number" && Math.abs(value) <= 8.64e12;
}

/**
 * Decodes a compact JWT's header and claims (RFC 7519), or returns
 * undefined when either part is not base64url-encoded JSON objects.
 */
export function readJwt(token: string): JwtSummary | undefined {
  const parts = token.split(".");
  if (parts.length !== 3) return undefined;
  let header: unknown;
  let claims: unknown;
  try {
    header = decodePart(parts[0]!);
    claims = decodePart(parts[1]!);
  } catch {
    return undefined;
  }
  if (!isObject(header) || !isObject(claims)) return undefined;
  return {
    alg: typeof header.alg === "string" ? header.alg : null,
    exp: isDate(claims.exp) ? claims.exp : null,
    iss: typeof claims.iss === "string" ? claims.iss : null,
    signatureLength: parts[2]!.length,
  };
}
