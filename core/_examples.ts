/**
 * Keys published in documentation, which people copy into real configs.
 * Each entry names where it is published, for the warning.
 */
export const DOCUMENTATION_KEYS: ReadonlyMap<string, string> = new Map([
  ["AKIAIOSFODNN7EXAMPLE", "the AWS documentation's example access key id"],
  [
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "the AWS documentation's example secret access key",
  ],
  ["sk_test_4eC39HqLyjWDarjtT1zdp7dc", "Stripe's documentation test key"],
  ["pk_test_TYooMQauvdEDq54NiTphI7jx", "Stripe's documentation test key"],
  [
    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
    "the Standard Webhooks specification's example secret",
  ],
  [
    "super-secret-jwt-token-with-at-least-32-characters-long",
    "Supabase's default local JWT secret",
  ],
  ["It's a Secret to Everybody", "GitHub's webhook documentation example"],
]);

/** AWS example keys all end in EXAMPLE or EXAMPLEKEY (index checks only). */
export function isAwsExample(key: string): boolean {
  if (key.endsWith("EXAMPLEKEY")) return true;
  return (key.startsWith("AKIA") || key.startsWith("ASIA")) &&
    key.length >= 19 && key.endsWith("EXAMPLE");
}

/**
 * Words that mark text typed by hand as a stand-in for a real secret, in
 * lower case; {@linkcode isPlaceholder} also tries upper case. None is
 * shorter than five letters and mixed case does not count, so a random
 * 43-character key matches by chance less than once in a million.
 */
export const PLACEHOLDER =
  /change[-_ ]?me|changeit|replace[-_ ]?me|placeholder|your[-_ ]?(?:api[-_ ]?)?(?:key|secret|token)|insert[-_ ]?(?:key|secret|here)|dummy|example|sample|xxxxxx|fixme|password|letmein|qwerty|123456789/;

const PLACEHOLDER_UPPER = /* @__PURE__ */ new RegExp(
  /* @__PURE__ */ PLACEHOLDER.source.toUpperCase(),
);

/** True when `text` holds a placeholder word in lower or upper case. */
export function isPlaceholder(text: string): boolean {
  return PLACEHOLDER.test(text) || PLACEHOLDER_UPPER.test(text);
}

/**
 * The warning for a key that is published or typed as a stand-in: a
 * documentation key, an AWS example, or placeholder words. Undefined when
 * none applies. Each sentence names where the key is published, never the
 * key.
 */
export function publishedKeyWarning(key: string): string | undefined {
  const published = DOCUMENTATION_KEYS.get(key);
  if (published !== undefined) {
    return `This is ${published}: it is public, so anyone can use it. Generate a new one`;
  }
  if (isAwsExample(key)) {
    return "This looks like an AWS documentation example key: it is public. Generate a new one";
  }
  if (isPlaceholder(key)) {
    return "It contains placeholder words, so it looks typed by hand rather than generated";
  }
  return undefined;
}
