/**
 * Every island the build bundles and the page can mount, by name. Each
 * island lives in `web/islands/<Name>.tsx` and exports a component of the
 * same name; the build derives its entry points from this list.
 *
 * To add an island: one export line here, and one entry in
 * `PAGE_TOOLS` (web/components/tools.ts) to place it on the page.
 *
 * @module
 */

export { Generator } from "./Generator.tsx";
export { WebhookCheck } from "./WebhookCheck.tsx";
export { KeyPair } from "./KeyPair.tsx";
