/**
 * The HTML pages: `/` and `/presets/:name`, and the 404 page. They are
 * rendered on the server with preact-render-to-string; the islands in them
 * hydrate in the browser.
 *
 * @module
 */

import { Hono } from "hono";
import { compress } from "hono/compress";
import type { Context } from "hono";
import { renderToString } from "preact-render-to-string";
import type { VNode } from "preact";
import { type Preset, PRESETS } from "@keymint/core";
import type { BuildManifest } from "../manifest.ts";
import { Document } from "../components/Document.tsx";
import { HelpText } from "../components/HelpText.tsx";
import { Island } from "../components/Island.tsx";
import { PAGE_TOOLS } from "../components/tools.ts";
import type { GeneratorProps } from "../islands/Generator.tsx";
import { optionsFromQuery } from "../options.ts";
import {
  HOME_TITLE,
  pageDescription,
  pageTitle,
  publicOrigin,
} from "../site.ts";

function html(c: Context, page: VNode, status: 200 | 404 = 200): Response {
  c.header("Cache-Control", "no-cache");
  return c.html("<!DOCTYPE html>" + renderToString(page), status);
}

function generatorPage(
  c: Context,
  manifest: BuildManifest,
  preset: Preset | undefined,
): Response {
  const query = new URL(c.req.url).searchParams;
  const generatorProps: GeneratorProps = {
    options: optionsFromQuery(query, preset?.name),
    origin: publicOrigin(c),
  };
  const islands = ["Generator"];
  return html(
    c,
    <Document
      title={pageTitle(preset)}
      description={pageDescription(preset)}
      manifest={manifest}
      islands={islands}
    >
      <h1>
        {preset
          ? `${preset.title} secret generator`
          : "API key, secret and token generator"}
      </h1>
      <p class="lead">
        {preset
          ? `Makes a value for ${preset.env}: ${preset.output}. `
          : "Cryptographically secure keys in the format you need. "}
        Keys are made in your browser with Web Crypto and never leave the page.
      </p>
      <section class="card" aria-label="Key generator">
        <Island
          name="Generator"
          props={generatorProps}
          manifest={manifest}
        />
        <noscript>
          <p class="error">
            This page makes keys with JavaScript, in your browser. Without it,
            use the <a href="#cli">command line</a> or the{" "}
            <a href="#api">HTTP API</a>.
          </p>
        </noscript>
      </section>
      {/* Further tools (islands) come from PAGE_TOOLS in components/tools.ts. */}
      {PAGE_TOOLS.map((tool) => (
        <section
          key={tool.id}
          id={tool.id}
          aria-labelledby={`${tool.id}-heading`}
        >
          <h2 id={`${tool.id}-heading`}>{tool.heading}</h2>
          <p>{tool.intro}</p>
          <div class="card">
            <Island
              name={tool.island}
              props={{}}
              manifest={manifest}
              lazy
            />
          </div>
        </section>
      ))}
      <HelpText origin={publicOrigin(c)} presets={PRESETS} />
    </Document>,
  );
}

/**
 * The page that answers unknown paths, with status 404.
 *
 * @param c The request context.
 * @param manifest The build, for the stylesheet.
 * @returns The response.
 */
export function notFoundPage(c: Context, manifest: BuildManifest): Response {
  return html(
    c,
    <Document
      title={`Page not found | ${HOME_TITLE}`}
      description="This page does not exist."
      manifest={manifest}
      islands={[]}
    >
      <h1>Page not found</h1>
      <p class="lead">There is nothing at this address.</p>
      <p>
        <a href="/">Make a key on the home page</a>, or pick a{" "}
        <a href="/#presets">framework preset</a>.
      </p>
    </Document>,
    404,
  );
}

/**
 * The page routes.
 *
 * @param manifest The build the pages link to.
 * @returns A Hono app with `/` and `/presets/:name`.
 */
export function pageRoutes(manifest: BuildManifest): Hono {
  const pages = new Hono();
  pages.use(compress({ encoding: "gzip" }));
  pages.get("/", (c) => generatorPage(c, manifest, undefined));
  pages.get("/presets/:name", (c) => {
    const preset = PRESETS.find((p) => p.name === c.req.param("name"));
    if (!preset) return notFoundPage(c, manifest);
    return generatorPage(c, manifest, preset);
  });
  return pages;
}
