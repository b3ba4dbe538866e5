/**
 * `--copy`: puts one key on the clipboard, never on stdout or in the
 * terminal's scrollback.
 *
 * @module
 */

import { maskKey } from "@keymint/core";
import type { RunIo } from "./io.ts";
import { CommandFailed, writeText } from "./_message.ts";

/** The clipboard programs tried, in order, with their arguments. */
export const CLIPBOARD_PROGRAMS: readonly (readonly string[])[] = [
  ["wl-copy"],
  ["xclip", "-selection", "clipboard"],
  ["xsel", "--clipboard", "--input"],
  ["pbcopy"],
  ["clip.exe"],
];

/**
 * Copies `value` to the clipboard, then writes
 * `keymint: copied to the clipboard (<masked>)` on stderr unless quiet.
 *
 * When stderr is a terminal (and `TERM` is not `dumb`) the key goes in an
 * OSC 52 sequence, which the terminal takes as "set the clipboard" and
 * never shows; this also works over ssh. Otherwise the first of
 * `wl-copy`, `xclip`, `xsel`, `pbcopy` and `clip.exe` found on `PATH`
 * gets it on its stdin.
 *
 * @param io The streams and environment.
 * @param value The key.
 * @param quiet Leave out the note on stderr.
 * @throws {CommandFailed} When no clipboard is reachable, or the program
 * fails.
 */
export async function copyToClipboard(
  io: RunIo,
  value: string,
  quiet?: boolean,
): Promise<void> {
  if (io.stderrIsTerminal && io.env("TERM") !== "dumb") {
    const base64 = new TextEncoder().encode(value).toBase64();
    await writeText(io.stderr, `\x1b]52;c;${base64}\x07`);
  } else {
    await copyWithProgram(io, value);
  }
  if (quiet) return;
  try {
    await writeText(
      io.stderr,
      `keymint: copied to the clipboard (${maskKey(value)})\n`,
    );
  } catch {
    // The key is on the clipboard; a note that cannot be shown changes nothing.
  }
}

async function copyWithProgram(io: RunIo, value: string): Promise<void> {
  const search = io.env("PATH");
  if (search === undefined) {
    throw new CommandFailed(
      "Cannot copy: stderr is not a terminal for OSC 52, and PATH is unset or not readable",
      "keymint needs --allow-env=PATH (and --allow-read, --allow-run) to find a clipboard program",
    );
  }
  const found = await findProgram(search);
  if (found === undefined) {
    throw new CommandFailed(
      "Cannot copy: no clipboard found (stderr is not a terminal for OSC 52, and none of wl-copy, xclip, xsel, pbcopy or clip.exe is on PATH)",
      "install one of them, or use --write FILE to put the key in a .env file",
    );
  }
  const [path, args] = found;
  const name = path.slice(path.lastIndexOf("/") + 1);
  let code: number;
  try {
    const child = new Deno.Command(path, {
      args,
      stdin: "piped",
      stdout: "null",
      stderr: "null",
    }).spawn();
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(value));
    await writer.close();
    code = (await child.status).code;
  } catch (error) {
    const reason = error instanceof Deno.errors.NotCapable
      ? "keymint needs --allow-run for it"
      : error instanceof Error
      ? error.name
      : "unknown error";
    throw new CommandFailed(`Cannot copy: ${name} could not run (${reason})`);
  }
  if (code !== 0) {
    throw new CommandFailed(`Cannot copy: ${name} failed with exit ${code}`);
  }
}

/** The first clipboard program on `path`, as its full path and arguments. */
async function findProgram(
  path: string,
): Promise<[string, string[]] | undefined> {
  const folders = path.split(":").filter((folder) => folder !== "");
  for (const [program, ...args] of CLIPBOARD_PROGRAMS) {
    for (const folder of folders) {
      const candidate = `${folder}/${program}`;
      try {
        const info = await Deno.stat(candidate);
        if (info.isFile && (info.mode === null || (info.mode & 0o111) !== 0)) {
          return [candidate, args];
        }
      } catch {
        // Not there, or not readable: try the next.
      }
    }
  }
  return undefined;
}
