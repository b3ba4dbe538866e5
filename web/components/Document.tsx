import type { ComponentChildren } from "preact";
import type { BuildManifest } from "../manifest.ts";
import { SITE_NAME } from "../site.ts";

/** Props of {@linkcode Document}. */
export interface DocumentProps {
  title: string;
  description: string;
  /** The absolute URL of the page without its query, if it has one. */
  canonical?: string | undefined;
  manifest: BuildManifest;
  /**
   * Names of the islands that hydrate at load, so their modules are
   * preloaded (islands that hydrate lazily are not).
   */
  islands: readonly string[];
  children: ComponentChildren;
}

/**
 * The HTML document around every page: head with the hashed stylesheet,
 * module preloads and the boot module, then header, main and footer.
 * No inline script or style anywhere, so the CSP can forbid both.
 */
export function Document(props: DocumentProps) {
  const { manifest } = props;
  const preloads = new Set<string>();
  for (const name of props.islands) {
    const island = manifest.islands[name];
    if (!island) continue;
    preloads.add(island.src);
    for (const chunk of island.imports) preloads.add(chunk);
  }
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title}</title>
        <meta name="description" content={props.description} />
        <meta name="color-scheme" content="light dark" />
        <meta
          name="theme-color"
          content="#f8fafc"
          media="(prefers-color-scheme: light)"
        />
        <meta
          name="theme-color"
          content="#0b1120"
          media="(prefers-color-scheme: dark)"
        />
        <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
        {props.canonical
          ? <link rel="canonical" href={props.canonical} />
          : null}
        <link rel="stylesheet" href={manifest.styles} />
        <noscript>
          <link rel="stylesheet" href={manifest.noscript} />
        </noscript>
        {props.islands.length > 0
          ? (
            <>
              <script type="module" src={manifest.boot} />
              {[...preloads].map((href) => (
                <link key={href} rel="modulepreload" href={href} />
              ))}
            </>
          )
          : null}
      </head>
      <body>
        <a class="skip-link" href="#main">Skip to the content</a>
        <header class="site-header">
          <a class="brand" href="/">{SITE_NAME}</a>
          <nav aria-label="Site">
            <a href="/#help">Help</a>
            <a href="/#faq">FAQ</a>
            <a href="/#api">API</a>
          </nav>
        </header>
        <main id="main">{props.children}</main>
        <footer class="site-footer">
          <p>
            {SITE_NAME}{" "}
            makes keys in your browser with Web Crypto. The page sends no
            request after it has loaded, sets no cookies and runs no analytics.
            MIT licensed.
          </p>
        </footer>
      </body>
    </html>
  );
}
