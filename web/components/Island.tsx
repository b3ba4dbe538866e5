import { type Attributes, h } from "preact";
import type { BuildManifest } from "../manifest.ts";
import {
  islandComponent,
  type IslandName,
  type IslandProps as PropsOf,
} from "../islands/registry.ts";

/** Props of {@linkcode Island}. */
export interface IslandProps<N extends IslandName> {
  /** The island's name in `web/islands/registry.ts`. */
  name: N;
  /** Its props: plain data that survives JSON. */
  props: PropsOf<N>;
  /** The build, for the island's module URL. */
  manifest: BuildManifest;
  /**
   * Hydrate only when the island comes into view or is used (focus,
   * pointer or key), for islands below the fold: the page then loads
   * their code only if someone scrolls to them.
   */
  lazy?: boolean;
}

/**
 * Escapes JSON for a `<script type="application/json">` block: no `<` can
 * close the element, and the line separators JavaScript once rejected are
 * escaped too.
 *
 * @param value Any JSON value.
 * @returns JSON text that is safe inside the data block.
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll("<", "\\u003c")
    .replaceAll(">", "\\u003e")
    .replaceAll("&", "\\u0026")
    .replaceAll("\u2028", "\\u2028")
    .replaceAll("\u2029", "\\u2029");
}

/** Preact's `key`/`jsx` attributes: none (a fresh object for each call). */
const NO_ATTRIBUTES = (): Attributes => ({});

/**
 * Renders an island on the server, followed by the data block that the boot
 * module reads to hydrate it in the browser.
 */
export function Island<N extends IslandName>(
  { name, props, manifest, lazy = false }: IslandProps<N>,
) {
  const Component = islandComponent(name);
  const built = manifest.islands[name];
  if (!built) {
    throw new Error(
      `Cannot render island "${name}": not in the build; run \`deno task build\``,
    );
  }
  return (
    <>
      <div data-island-root="">
        {h(Component, Object.assign(NO_ATTRIBUTES(), props))}
      </div>
      <script
        type="application/json"
        data-island={name}
        data-src={built.src}
        data-hydrate={lazy ? "visible" : undefined}
        // deno-lint-ignore react-no-danger
        dangerouslySetInnerHTML={{ __html: jsonForScript(props) }}
      />
    </>
  );
}
