/**
 * Where the browser tests find Chromium (the system one; never a
 * downloaded browser) and how they start it.
 */

/** Flags for a quiet headless Chromium that contacts nothing by itself. */
export const CHROMIUM_ARGS: readonly string[] = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

function findChromium(): string | undefined {
  const candidates = [
    Deno.env.get("CHROME_PATH"),
    "/usr/bin/chromium",
    "/usr/bin/chromium-browser",
    "/usr/bin/google-chrome",
  ];
  for (const path of candidates) {
    if (!path) continue;
    try {
      if (Deno.statSync(path).isFile) return path;
    } catch {
      // not there; try the next one
    }
  }
  try {
    const which = new Deno.Command("which", {
      args: ["chromium"],
      stdout: "piped",
      stderr: "null",
    }).outputSync();
    const path = new TextDecoder().decode(which.stdout).trim();
    if (which.success && path !== "") return path;
  } catch {
    // no `which`
  }
  return undefined;
}

/** The Chromium to drive, or `undefined` when there is none. */
export const CHROMIUM: string | undefined = findChromium();

/** Under CI a missing Chromium fails the browser tests instead of skipping. */
export const IN_CI: boolean = Deno.env.get("CI") === "true";
