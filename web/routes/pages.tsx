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
import { FORMATS, type Preset, PRESETS } from "@keymint/core";
import type { BuildManifest } from "../manifest.ts";
import { Document } from "../components/Document.tsx";
import { HelpText } from "../components/HelpText.tsx";
import { Island } from "../components/Island.tsx";
import { PAGE_TOOLS } from "../components/tools.ts";
import type { GeneratorProps } from "../islands/Generator.tsx";
import type {
  FormatChoice,
  PresetChoice,
} from "../islands/generator/Controls.tsx";
import {
  optionsFromQuery,
  optionsToCommand,
  optionsToCurl,
} from "../options.ts";
import {
  canonicalPath,
  HOME_TITLE,
  pageDescription,
  pageHeading,
  pageTitle,
  publicOrigin,
} from "../site.ts";

/** A weak validator of the HTML: the page changes with the build and the query. */
async function etagOf(body: string): Promise<string> {
  const digest = await crypto.subtle.digest(
    "SHA-256",
    new TextEncoder().encode(body),
  );
  const hex = Array.from(
    new Uint8Array(digest).slice(0, 16),
    (b) => b.toString(16).padStart(2, "0"),
  ).join("");
  return `W/"${hex}"`;
}

/** Whether an `If-None-Match` header names `etag` (or is `*`). */
function matches(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t === etag || `W/${t}` === etag;
  });
}

async function html(
  c: Context,
  page: VNode,
  status: 200 | 404 = 200,
): Promise<Response> {
  const body = "<!DOCTYPE html>" + renderToString(page);
  c.header("Cache-Control", "no-cache");
  if (status === 200) {
    const etag = await etagOf(body);
    c.header("ETag", etag);
    if (matches(c.req.header("if-none-match"), etag)) {
      return c.body(null, 304);
    }
  }
  return c.html(body, status);
}

/** The preset table as the generator lists it (its props carry it). */
const PRESET_CHOICES: readonly PresetChoice[] = PRESETS.map((p) => ({
  name: p.name,
  title: p.title,
  env: p.env,
  output: p.output,
  source: p.source,
  format: p.format,
  bits: p.bits,
}));

/** The format table as the generator lists it. */
const FORMAT_CHOICES: readonly FormatChoice[] = FORMATS.map((f) => ({
  name: f.name,
  summary: f.summary,
}));

function generatorPage(
  c: Context,
  manifest: BuildManifest,
  preset: Preset | undefined,
): Promise<Response> {
  const query = new URL(c.req.url).searchParams;
  const origin = publicOrigin(c);
  const options = optionsFromQuery(query, preset?.name);
  const generatorProps: GeneratorProps = {
    options,
    origin,
    presets: PRESET_CHOICES,
    formats: FORMAT_CHOICES,
  };
  return html(
    c,
    <Document
      title={pageTitle(preset)}
      description={pageDescription(preset)}
      // Only a public (https) origin is worth naming to search engines.
      canonical={origin.startsWith("https://")
        ? origin + canonicalPath(preset)
        : undefined}
      manifest={manifest}
      islands={["Generator"]}
    >
      <h1>{pageHeading(preset)}</h1>
      <p class="lead">
        {preset
          ? `Makes a value for ${preset.env}: ${preset.output}. `
          : "Cryptographically secure keys in the format you need. "}
        Keys are made in your browser with Web Crypto and never leave the page.
      </p>
      <section class="card" aria-label="Key generator">
        <noscript>
          <div class="noscript-notice">
            <p>
              <strong>This page needs JavaScript to make keys:</strong>{" "}
              they are made in your browser, never on the server, so without
              JavaScript there is nothing to show. The same keys from the
              command line or over HTTP:
            </p>
            <pre><code>{optionsToCommand(options)}</code></pre>
            <pre><code>{optionsToCurl(options, origin)}</code></pre>
            <p>
              See <a href="#cli">the command line</a> and{" "}
              <a href="#api">the HTTP API</a> below.
            </p>
          </div>
        </noscript>
        <Island name="Generator" props={generatorProps} manifest={manifest} />
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
            <noscript>
              <p class="noscript-notice">This tool needs JavaScript.</p>
            </noscript>
            <Island
              name={tool.island}
              props={{}}
              manifest={manifest}
              lazy
            />
          </div>
        </section>
      ))}
      <HelpText origin={origin} presets={PRESETS} />
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
export function notFoundPage(
  c: Context,
  manifest: BuildManifest,
): Promise<Response> {
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

function methodNotAllowed(c: Context): Response {
  c.header("Allow", "GET, HEAD");
  c.header("Cache-Control", "no-store");
  return c.text("Method not allowed: this page answers GET and HEAD\n", 405);
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
  // The pages are documents to read: any other method gets 405.
  pages.all("/", methodNotAllowed);
  pages.all("/presets/:name", methodNotAllowed);
  return pages;
}
