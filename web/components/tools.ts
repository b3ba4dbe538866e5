/**
 * The tools (islands) that the home page shows below the generator, in
 * order. Each entry names an island from `web/islands/registry.ts`; the
 * page renders a section with the heading and mounts the island in it.
 *
 * @module
 */

import type { IslandName, IslandProps } from "../islands/registry.ts";

/** The islands that take no props, which a tool section can mount as is. */
export type ToolIslandName = {
  [N in IslandName]: Record<string, never> extends IslandProps<N> ? N : never;
}[IslandName];

/**
 * One tool section of the home page. Tools sit below the generator, so
 * their islands hydrate when they come into view or are used.
 */
export interface PageTool {
  /** The island's name in `web/islands/registry.ts`. */
  readonly island: ToolIslandName;
  /** The section's `id` (its anchor). */
  readonly id: string;
  /** The section's heading. */
  readonly heading: string;
  /** One sentence under the heading. */
  readonly intro: string;
}

/** Add a tool here (one line) after exporting its island from the registry. */
export const PAGE_TOOLS: readonly PageTool[] = [
  {
    island: "KeyPair",
    id: "key-pair",
    heading: "Make a signing key pair",
    intro:
      "An Ed25519, ECDSA or RSA key pair for JWTs or Standard Webhooks, as JWK, JWKS and PEM, made in your browser; nothing is sent anywhere.",
  },
  {
    island: "WebhookCheck",
    id: "webhook-check",
    heading: "Check a webhook signature",
    intro:
      "Paste a delivery's secret, headers and body to see whether its Standard Webhooks, GitHub or Stripe signature is valid.",
  },
];
