/**
 * The man page, `keymint.1`, made from the help texts: the main help is
 * the page, each command's help a subsection of COMMANDS. Nothing is
 * written twice, so the page cannot drift from `--help`.
 *
 * @module
 */

/** One help text to put on the page. */
export interface ManSource {
  /** The command's name, `""` for keymint itself. */
  readonly name: string;
  /** Its `--help` text. */
  readonly help: string;
}

/**
 * Renders the man page.
 *
 * A help text is a title line (`keymint NAME: summary`), then blocks
 * separated by blank lines: a line ending in `:` at the margin heads a
 * section; indented lines are kept as they are (usage, flags, examples);
 * other lines are prose and filled.
 *
 * @param version The version, for the page's footer.
 * @param main The main help.
 * @param commands Each command's help, in the order of the command list.
 * @returns The page in the `man` macro language.
 */
export function manPage(
  version: string,
  main: string,
  commands: readonly ManSource[],
): string {
  const [title, ...body] = main.split("\n");
  const summary = title!.replace(/^keymint: /, "");
  const out = [
    `.TH KEYMINT 1 "" "keymint ${version}" "User Commands"`,
    ".SH NAME",
    `keymint \\- ${escape(summary)}`,
    ...blocks(body, "SH"),
    ".SH COMMAND DETAILS",
  ];
  for (const command of commands) {
    const [head, ...rest] = command.help.split("\n");
    out.push(
      `.SS ${escape(`keymint ${command.name}`)}`,
      escape(head!.replace(/^keymint [\w-]+: /, "")),
      ...blocks(rest, "B"),
    );
  }
  out.push(
    ".SH SEE ALSO",
    "The README at https://github.com/keymint/keymint and",
    ".B keymint COMMAND \\-\\-help",
    ".",
  );
  return out.join("\n") + "\n";
}

/**
 * Turns help lines into man requests. Section heads become `.SH` on the
 * page and bold lines inside a command (`heading` is `B`).
 */
function blocks(lines: readonly string[], heading: "SH" | "B"): string[] {
  const out: string[] = [];
  let verbatim = false;
  const close = () => {
    if (verbatim) out.push(".fi", ".RE");
    verbatim = false;
  };
  for (const line of lines) {
    if (line.trim() === "") {
      close();
      continue;
    }
    const head = /^([A-Z][\w ,()-]*?):(\s.*)?$/.exec(line);
    if (head !== null && !line.startsWith(" ")) {
      close();
      const name = heading === "SH"
        ? (head[1] === "Usage" ? "SYNOPSIS" : head[1]!.toUpperCase())
        : head[1]!;
      out.push(heading === "SH" ? `.SH ${escape(name)}` : ".PP");
      if (heading === "B") out.push(`.B ${escape(`${name}:`)}`);
      const after = head[2]?.trim();
      if (after) out.push(escape(after));
      continue;
    }
    if (line.startsWith(" ")) {
      if (!verbatim) out.push(".RS 2", ".nf");
      verbatim = true;
      out.push(escape(line.replace(/^ {1,2}/, "")));
      continue;
    }
    if (verbatim) close();
    if (out.at(-1) === undefined || !/^[^.]/.test(out.at(-1)!)) {
      out.push(".PP");
    }
    out.push(escape(line));
  }
  close();
  return out;
}

/**
 * Escapes text for roff: a backslash as `\e`, a dash as `\-` (so it
 * renders as the ASCII hyphen-minus people type), and a leading `.` or `'`
 * behind `\&`, so no line is read as a request.
 */
function escape(text: string): string {
  const escaped = text.replaceAll("\\", "\\e").replaceAll("-", "\\-");
  return /^[.']/.test(escaped) ? `\\&${escaped}` : escaped;
}
