/**
 * Every island the build bundles and the page can mount, by name. Each
 * island lives in `web/islands/<Name>.tsx` and exports a component of the
 * same name; the build derives its entry points from this table, and the
 * page's `<Island name=... props=...>` checks the props against the
 * component's own.
 *
 * To add an island: one line in {@linkcode ISLANDS}, and one entry in
 * `PAGE_TOOLS` (web/components/tools.ts) to place it on the page (below the
 * fold, so it hydrates when it comes into view or is used).
 *
 * @module
 */

import type { ComponentProps, ComponentType } from "preact";
import { Generator } from "./Generator.tsx";
import { WebhookCheck } from "./WebhookCheck.tsx";
import { KeyPair } from "./KeyPair.tsx";

/** The islands, by the name their module exports them under. */
export const ISLANDS = {
  Generator,
  WebhookCheck,
  KeyPair,
} as const;

/** The name of an island in {@linkcode ISLANDS}. */
export type IslandName = keyof typeof ISLANDS;

/** The props of island `N`, as its component declares them. */
export type IslandProps<N extends IslandName> = ComponentProps<
  (typeof ISLANDS)[N]
>;

/**
 * The table seen as one component type per name, so that `component(name)`
 * keeps the link between a name and its props (no cast needed).
 */
type IslandComponents = { [N in IslandName]: ComponentType<IslandProps<N>> };
const COMPONENTS: IslandComponents = ISLANDS;

/**
 * The component of an island.
 *
 * @param name The island's name.
 * @returns Its component, typed with its own props.
 */
export function islandComponent<N extends IslandName>(
  name: N,
): ComponentType<IslandProps<N>> {
  return COMPONENTS[name];
}

/** The island names, sorted. */
export const ISLAND_NAMES: readonly IslandName[] = (
  Object.keys(ISLANDS) as IslandName[]
).sort();
