/**
 * What `keymint scan` reads: files and folders (symlinks never followed
 * inside a folder, special files skipped), stdin, and with `--git` every
 * blob reachable from any ref, each once, through one `git cat-file
 * --batch`. Every source arrives as chunks, so memory stays bounded.
 *
 * @module
 */

import { quoteArgument, UsageError } from "./_message.ts";

/** One thing to scan. */
export interface Source {
  /** The name findings show: a path, `stdin`, or a path in history. */
  readonly name: string;
  /** For a blob from history: its object id. */
  readonly blob?: string;
  /** A regular file to read (files are scanned by path, maybe in a worker). */
  readonly path?: string;
  /** The file's size when it was listed. */
  readonly size?: number;
  /** Otherwise the bytes, in chunks, to read before the next source. */
  readonly chunks?: AsyncIterable<Uint8Array>;
}

/** What was passed over, and why. */
export interface SkipCounts {
  /** Files with a NUL byte near the start. */
  binary: number;
  /** Files over the size limit. */
  oversized: number;
  /** Files that could not be read. */
  unreadable: number;
  /** FIFOs, sockets, devices and symlinks inside folders. */
  special: number;
}

/** Creates zeroed skip counts. */
export function noSkips(): SkipCounts {
  return { binary: 0, oversized: 0, unreadable: 0, special: 0 };
}

/**
 * The files under the given paths, in order. Every path named on the
 * command line must exist, and all are checked before the first is read,
 * so a bad one is refused with nothing written; inside folders, symlinks
 * and special files are counted and skipped, and `.git` folders are not
 * entered.
 */
export async function* pathSources(
  paths: readonly string[],
  maxBytes: number,
  skips: SkipCounts,
): AsyncGenerator<Source> {
  const infos = paths.map(namedPathInfo);
  for (const [i, path] of paths.entries()) {
    const info = infos[i]!;
    if (info.isDirectory) {
      yield* walk(path, maxBytes, skips);
    } else {
      const source = fileSource(path, info, maxBytes, skips);
      if (source !== undefined) yield source;
    }
  }
}

/** The file information of a path named on the command line. */
function namedPathInfo(path: string): Deno.FileInfo {
  try {
    return Deno.statSync(path);
  } catch (error) {
    throw new UsageError(
      `Cannot scan ${quoteArgument(path)}: ${
        error instanceof Deno.errors.NotFound
          ? "no such file or folder"
          : error instanceof Deno.errors.PermissionDenied
          ? "permission denied"
          : "it cannot be read (a symlink loop?)"
      }`,
      "give files or folders that exist, or - for stdin",
    );
  }
}

/**
 * The files under a folder, depth first in name order. Listing and lstat
 * are synchronous: each async call waits on a thread pool hop.
 */
function* walk(
  folder: string,
  maxBytes: number,
  skips: SkipCounts,
): Generator<Source> {
  let entries: Deno.DirEntry[];
  try {
    entries = [...Deno.readDirSync(folder)];
  } catch {
    skips.unreadable++;
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = folder === "."
      ? entry.name
      : folder.endsWith("/")
      ? folder + entry.name
      : `${folder}/${entry.name}`;
    if (entry.isSymlink) {
      skips.special++;
    } else if (entry.isDirectory) {
      if (entry.name !== ".git") yield* walk(path, maxBytes, skips);
    } else {
      let info: Deno.FileInfo;
      try {
        info = Deno.lstatSync(path);
      } catch {
        skips.unreadable++;
        continue;
      }
      const source = fileSource(path, info, maxBytes, skips);
      if (source !== undefined) yield source;
    }
  }
}

function fileSource(
  path: string,
  info: Deno.FileInfo,
  maxBytes: number,
  skips: SkipCounts,
): Source | undefined {
  if (!info.isFile) {
    skips.special++;
    return undefined;
  }
  if (info.size > maxBytes) {
    skips.oversized++;
    return undefined;
  }
  return { name: path, path, size: info.size };
}

/** Stdin as one source. */
export function stdinSource(stdin: ReadableStream<Uint8Array>): Source {
  return { name: "stdin", chunks: stdin };
}

/** Runs git and returns its stdout, or throws a usage error. */
async function git(cwd: string, args: readonly string[]): Promise<Uint8Array> {
  let output: Deno.CommandOutput;
  try {
    output = await new Deno.Command("git", {
      args: ["-C", cwd, ...args],
      stdout: "piped",
      stderr: "null",
    }).output();
  } catch {
    throw new UsageError(
      "Cannot scan with --git: git is not installed",
      "install git, or scan without --git",
    );
  }
  if (!output.success) {
    throw new UsageError(
      `Cannot scan with --git: ${
        quoteArgument(cwd)
      } is not in a git repository`,
      "run it inside a repository, or scan without --git",
    );
  }
  return output.stdout;
}

function nulSeparated(bytes: Uint8Array): string[] {
  return new TextDecoder().decode(bytes).split("\0").filter((s) => s !== "");
}

/**
 * The work tree as git sees it: tracked and untracked files that
 * `.gitignore` does not exclude.
 */
export async function* gitWorkTreeSources(
  root: string,
  maxBytes: number,
  skips: SkipCounts,
): AsyncGenerator<Source> {
  const top = new TextDecoder().decode(
    await git(root, ["rev-parse", "--show-toplevel"]),
  ).trim();
  const files = nulSeparated(
    await git(top, [
      "ls-files",
      "-z",
      "--cached",
      "--others",
      "--exclude-standard",
    ]),
  );
  for (const file of files) {
    const path = `${top}/${file}`;
    let info: Deno.FileInfo;
    try {
      info = await Deno.lstat(path);
    } catch {
      continue; // deleted in the work tree: history has it
    }
    const source = fileSource(path, info, maxBytes, skips);
    if (source !== undefined) yield { ...source, name: file };
  }
}

/**
 * Every blob reachable from any ref (branches, tags, stashes), each once,
 * named by the first path git lists it under.
 */
export async function* gitHistorySources(
  root: string,
  maxBytes: number,
  skips: SkipCounts,
): AsyncGenerator<Source> {
  const listing = new TextDecoder().decode(
    await git(root, ["rev-list", "--objects", "--all"]),
  );
  const paths = new Map<string, string>();
  for (const line of listing.split("\n")) {
    const space = line.indexOf(" ");
    if (space > 0 && !paths.has(line.slice(0, space))) {
      paths.set(line.slice(0, space), line.slice(space + 1));
    }
  }
  const checked = new TextDecoder().decode(
    await gitWithInput(root, ["cat-file", "--batch-check"], [...paths.keys()]),
  );
  const blobs: string[] = [];
  for (const line of checked.split("\n")) {
    const [id, type, size] = line.split(" ");
    if (type !== "blob" || id === undefined) continue;
    if (Number(size) > maxBytes) skips.oversized++;
    else blobs.push(id);
  }
  if (blobs.length === 0) return;
  const child = new Deno.Command("git", {
    args: ["-C", root, "cat-file", "--batch"],
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const feeding = writeLines(child.stdin, blobs);
  const reader = new ChunkReader(child.stdout.getReader());
  try {
    for (const id of blobs) {
      const header = await reader.line();
      const size = Number(header.split(" ")[2]);
      yield {
        name: paths.get(id)!,
        blob: id,
        chunks: reader.exactly(size),
      };
      await reader.drain();
      await reader.line(); // the newline after each object
    }
  } finally {
    await feeding;
    await reader.cancel();
    await child.status;
  }
}

async function gitWithInput(
  root: string,
  args: readonly string[],
  lines: readonly string[],
): Promise<Uint8Array> {
  const child = new Deno.Command("git", {
    args: ["-C", root, ...args],
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const [, output] = await Promise.all([
    writeLines(child.stdin, lines),
    child.output(),
  ]);
  return output.stdout;
}

async function writeLines(
  stdin: WritableStream<Uint8Array>,
  lines: readonly string[],
): Promise<void> {
  const writer = stdin.getWriter();
  const encoder = new TextEncoder();
  for (let i = 0; i < lines.length; i += 1000) {
    await writer.write(
      encoder.encode(lines.slice(i, i + 1000).join("\n") + "\n"),
    );
  }
  await writer.close();
}

/** Reads lines and exact byte counts from one stream. */
class ChunkReader {
  #reader: ReadableStreamDefaultReader<Uint8Array>;
  #buffer = new Uint8Array(0);
  #pending = 0;

  constructor(reader: ReadableStreamDefaultReader<Uint8Array>) {
    this.#reader = reader;
  }

  async #fill(): Promise<boolean> {
    const { value, done } = await this.#reader.read();
    if (done) return false;
    const next = new Uint8Array(this.#buffer.length + value.length);
    next.set(this.#buffer);
    next.set(value, this.#buffer.length);
    this.#buffer = next;
    return true;
  }

  async line(): Promise<string> {
    while (true) {
      const end = this.#buffer.indexOf(10);
      if (end !== -1) {
        const text = new TextDecoder().decode(this.#buffer.subarray(0, end));
        this.#buffer = this.#buffer.slice(end + 1);
        return text;
      }
      if (!(await this.#fill())) return "";
    }
  }

  async *exactly(size: number): AsyncGenerator<Uint8Array> {
    this.#pending = size;
    while (this.#pending > 0) {
      if (this.#buffer.length === 0 && !(await this.#fill())) return;
      const take = Math.min(this.#pending, this.#buffer.length);
      const part = this.#buffer.slice(0, take);
      this.#buffer = this.#buffer.slice(take);
      this.#pending -= take;
      yield part;
    }
  }

  /** Skips what a consumer of `exactly` left unread. */
  async drain(): Promise<void> {
    for await (const _ of this.exactly(this.#pending)) { /* skip */ }
  }

  async cancel(): Promise<void> {
    await this.#reader.cancel().catch(() => {});
  }
}
