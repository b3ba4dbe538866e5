import type { ComponentType } from "preact";
import * as islands from "../islands/registry.ts";
import type { BuildManifest } from "../build.ts";

const REGISTRY = islands as unknown as Record<
  string,
  ComponentType<Record<string, unknown>>
>;

/** Props of {@linkcode Island}. */
export interface IslandProps {
  /** The island's name in `web/islands/registry.ts`. */
  name: string;
  /** Its props: plain data that survives JSON. */
  props: Record<string, unknown>;
  /** The build, for the island's module URL. */
  manifest: BuildManifest;
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

/**
 * Renders an island on the server, followed by the data block that the boot
 * module reads to hydrate it in the browser.
 */
export function Island({ name, props, manifest }: IslandProps) {
  const Component = REGISTRY[name];
  const built = manifest.islands[name];
  if (!Component || !built) {
    throw new Error(`Cannot render island "${name}": not in the registry`);
  }
  return (
    <>
      <div data-island-root="">
        <Component {...props} />
      </div>
      <script
        type="application/json"
        data-island={name}
        data-src={built.src}
        // deno-lint-ignore react-no-danger
        dangerouslySetInnerHTML={{ __html: jsonForScript(props) }}
      />
    </>
  );
}
