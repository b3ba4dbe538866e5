/**
 * `keymint scan [PATH... | -]`: finds leaked keys offline, checksums
 * confirmed, never printing a key.
 *
 * @module
 */

import {
  keyShapeOf,
  type KeySpec,
  parseKeySpec,
  readRulesConfig,
  reportFinding,
  SCAN_KINDS,
  type ScanKind,
  shapeKind,
} from "@keymint/core";
import type { RunIo } from "./io.ts";
import type { Command } from "./command.ts";
import { type FlagTable, parseFlags } from "./_args.ts";
import { flagHelp } from "./_help.ts";
import { JSON_FLAG, QUIET_FLAG, writeJson } from "./_output.ts";
import { UsageError, writeText } from "./_message.ts";
import { readBoundedFile } from "./_read_file.ts";
import { type LocatedFinding, sarifLog } from "./_sarif.ts";
import { scanChunks, scanFile, type SourceResult } from "./_scan_file.ts";
import { ScanPool } from "./_scan_pool.ts";
import {
  gitHistorySources,
  gitWorkTreeSources,
  noSkips,
  pathSources,
  type SkipCounts,
  type Source,
  stdinSource,
} from "./_scan_sources.ts";

const DEFAULT_MAX_BYTES = 64 << 20;
/** Characters of text output gathered before one write. */
const TEXT_BATCH = 64 << 10;
/** Listed bytes after which files go to workers (their start costs ~50 ms). */
const POOL_THRESHOLD = 16 << 20;

const FLAGS = {
  prefix: {
    type: "string",
    short: "p",
    multiple: true,
    placeholder: "P",
    summary:
      "also find keymint keys with this prefix (repeat); the\ndefault shape, or FORMAT and sizes from --config",
  },
  config: {
    type: "string",
    placeholder: "FILE",
    complete: "file",
    summary: "the key shapes in a keymint.rules.json (keymint rules --config)",
  },
  git: {
    type: "boolean",
    summary:
      "scan every blob reachable from any ref, once, and the work\ntree as git sees it (.gitignore honoured)",
  },
  ...JSON_FLAG,
  sarif: {
    type: "boolean",
    summary: "one SARIF 2.1.0 log, for GitHub code scanning upload",
  },
  "max-bytes": {
    type: "string",
    placeholder: "N",
    summary: `skip files larger than N bytes (default ${DEFAULT_MAX_BYTES})`,
  },
  jobs: {
    type: "string",
    short: "j",
    placeholder: "N",
    summary:
      "scan files on N worker threads once the scan passes 16 MiB\n(default 1: the main thread only, which measured faster\non a busy 2-core machine; see bench/scan.sh)",
  },
  ...QUIET_FLAG,
} as const satisfies FlagTable;

/** The scan command. */
export const scanCommand: Command = {
  help: `keymint scan: find leaked keys in files, folders, stdin or git history

Finds, without any network, keymint keys of the prefixes you declare and
the well-known checksummed tokens (GitHub's ghp_, gho_, ghu_, ghs_, ghr_
and npm's npm_), each confirmed by its CRC-32 before it is reported, plus
the other recognised kinds with a literal lead (Stripe, GitLab, Slack,
Docker, OpenAI, Shopify, ...), reported with a confidence.
Findings show file, line, column, kind, the masked key and its SHA-256
fingerprint, never the key. Binary files (a NUL byte in the first 8000),
oversized and special files are skipped and counted.

Exit status: 1 when anything is found, 0 when clean, 2 for usage errors.

Usage:
  keymint scan [PATH... | -] [--prefix P]... [--config FILE] [--git]
               [--json | --sarif] [--max-bytes N] [--jobs N] [-q]

Flags:
${flagHelp(FLAGS)}
Examples:
  keymint scan --prefix acme_live src/
  git diff --cached | keymint scan - --config keymint.rules.json
  keymint scan --git --sarif --config keymint.rules.json > keys.sarif
`,
  flags: FLAGS,
  run: scan,
};

async function scan(args: readonly string[], io: RunIo): Promise<number> {
  const { values, positionals } = parseFlags(args, FLAGS);
  if (values.json && values.sarif) {
    throw new UsageError("Cannot scan: give --json or --sarif, not both");
  }
  const maxBytes = values["max-bytes"] === undefined
    ? DEFAULT_MAX_BYTES
    : wholeNumber("--max-bytes", values["max-bytes"], 1e15);
  const jobs = values.jobs === undefined
    ? 1
    : wholeNumber("--jobs", values.jobs, 64);
  const kinds = await kindsFor(values.prefix ?? [], values.config);
  const stdinCount = positionals.filter((p) => p === "-").length;
  if (stdinCount > 1 || (stdinCount === 1 && values.git)) {
    throw new UsageError(
      "Cannot scan: - (stdin) may be given once, and not with --git",
    );
  }
  const paths = positionals.length === 0 ? ["."] : positionals;
  const skips = noSkips();
  const findings: LocatedFinding[] = [];
  const seen = new Set<string>();
  let files = 0;
  let bytes = 0;
  let total = 0;
  const stream = !values.json && !values.sarif;
  // Text lines are written in batches: each write is a round trip to the
  // runtime (measured: 25-55 ms of a 100 MB scan with one write a file).
  let text = "";
  const handle = async (source: Source, result: SourceResult) => {
    if ("skipped" in result) {
      skips[result.skipped]++;
      return;
    }
    files++;
    bytes += result.bytes;
    const reported = await Promise.all(result.found.map(reportFinding));
    for (const report of reported) {
      const finding: LocatedFinding = {
        ...report,
        file: source.name,
        ...(source.blob === undefined ? {} : { blob: source.blob }),
      };
      // In history the same key shows up in every blob that kept it.
      if (values.git) {
        const key = `${finding.kind} ${finding.fingerprint}`;
        if (seen.has(key)) continue;
        seen.add(key);
      }
      total++;
      // Text goes out in batches of TEXT_BATCH; JSON and SARIF are one
      // document at the end.
      if (stream) text += textLine(finding);
      else findings.push(finding);
    }
    if (text.length >= TEXT_BATCH) {
      await writeText(io.stdout, text);
      text = "";
    }
  };
  // Files are scanned a few ahead (on workers once the scan is big) and
  // reported in order; a stream source is read whole before the next.
  let pool: ScanPool | undefined;
  let listed = 0;
  const ahead: Promise<[Source, SourceResult]>[] = [];
  try {
    for await (
      const source of sources(paths, values.git === true, maxBytes, skips, io)
    ) {
      if (source.path === undefined) {
        while (ahead.length > 0) await handle(...(await ahead.shift()!));
        await handle(source, await scanChunks(source.chunks!, kinds));
        continue;
      }
      listed += source.size ?? 0;
      if (pool === undefined && listed > POOL_THRESHOLD && jobs > 1) {
        pool = new ScanPool(kinds, jobs);
      }
      const path = source.path;
      const result = pool === undefined
        ? scanFile(path, kinds, maxBytes)
        : pool.scan(path, maxBytes);
      ahead.push(result.then((r) => [source, r]));
      if (ahead.length > 2 * jobs + 2) await handle(...(await ahead.shift()!));
    }
    while (ahead.length > 0) await handle(...(await ahead.shift()!));
    if (text !== "") await writeText(io.stdout, text);
  } finally {
    pool?.close();
  }
  if (values.json) {
    await writeJson(io, {
      findings,
      scanned: { files, bytes },
      skipped: skips,
    });
  } else if (values.sarif) {
    await writeJson(io, sarifLog(findings));
  }
  if (!values.quiet) await writeText(io.stderr, summary(total, files, skips));
  return total > 0 ? 1 : 0;
}

async function* sources(
  paths: readonly string[],
  git: boolean,
  maxBytes: number,
  skips: SkipCounts,
  io: RunIo,
): AsyncGenerator<Source> {
  if (git) {
    for (const path of paths) {
      yield* gitWorkTreeSources(path, maxBytes, skips);
      yield* gitHistorySources(path, maxBytes, skips);
    }
    return;
  }
  for (const path of paths) {
    if (path === "-") yield stdinSource(io.stdin);
    else yield* pathSources([path], maxBytes, skips);
  }
}

/** The kinds to look for: declared prefixes first, then the well-known. */
async function kindsFor(
  prefixes: readonly string[],
  config: string | undefined,
): Promise<ScanKind[]> {
  const specs: KeySpec[] = prefixes.map((prefix) => {
    if (prefix === "") throw new UsageError("Cannot use --prefix: it is empty");
    return parseKeySpec({ prefix });
  });
  if (config !== undefined) {
    const bytes = await readBoundedFile(config, {
      maxBytes: 1 << 20,
      label: "the rules config",
    });
    specs.push(...readRulesConfig(new TextDecoder().decode(bytes)));
  }
  return [...specs.map((spec) => shapeKind(keyShapeOf(spec))), ...SCAN_KINDS];
}

function wholeNumber(flag: string, text: string, max: number): number {
  if (!/^[0-9]{1,16}$/.test(text) || Number(text) < 1 || Number(text) > max) {
    throw new UsageError(
      `Cannot scan: ${flag} must be a whole number from 1 to ${max}`,
    );
  }
  return Number(text);
}

function textLine(finding: LocatedFinding): string {
  const where = finding.blob === undefined
    ? finding.file
    : `${finding.file}@${finding.blob.slice(0, 12)}`;
  return `${where}:${finding.line}:${finding.column}: ${finding.kind} (${finding.confidence}) ${finding.masked} sha256:${finding.fingerprint}\n`;
}

function summary(total: number, files: number, skips: SkipCounts): string {
  const skipped = Object.entries(skips).filter(([, n]) => n > 0)
    .map(([why, n]) => `${n} ${why}`);
  return `${
    total === 0 ? "no keys" : total === 1 ? "1 key" : `${total} keys`
  } found in ${files} ${files === 1 ? "file" : "files"}${
    skipped.length === 0 ? "" : `; skipped ${skipped.join(", ")}`
  }\n`;
}
