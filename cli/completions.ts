/**
 * `keymint completions bash|zsh|fish`: a completion script for the shell,
 * generated from the command, flag, format, preset and scheme tables.
 *
 * @module
 */

import type { RunIo } from "./io.ts";
import type { Command, CommandEntry } from "./command.ts";
import { parseFlags } from "./_args.ts";
import { quoteArgument, UsageError, writeText } from "./_message.ts";
import {
  type CommandModel,
  type CompletionModel,
  completionModel,
  flagWords,
  SHELLS,
} from "./_completion_model.ts";

const HELP = `keymint completions: tab completion for bash, zsh or fish

Prints a completion script, made from the same tables as the help:
commands, formats, presets, webhook schemes and every flag.

Usage:
  keymint completions bash|zsh|fish

Install:
  bash  keymint completions bash > ~/.local/share/bash-completion/completions/keymint
  zsh   keymint completions zsh > "\${fpath[1]}/_keymint"   (then: compinit)
  fish  keymint completions fish > ~/.config/fish/completions/keymint.fish

Or for the current shell only:
  source <(keymint completions bash)
`;

/**
 * The completions command over the command table of `run()`.
 *
 * @param commands The named commands.
 * @param generate The default command.
 */
export function completionsCommand(
  commands: ReadonlyMap<string, CommandEntry>,
  generate: () => Command,
): Command {
  return {
    help: HELP,
    flags: {},
    operands: SHELLS,
    async run(args: readonly string[], io: RunIo): Promise<number> {
      const { positionals } = parseFlags(args, {});
      const [shell, ...extra] = positionals;
      if (shell === undefined || extra.length > 0) {
        throw new UsageError(
          "Cannot write completions: name one shell, bash, zsh or fish",
        );
      }
      if (!(SHELLS as readonly string[]).includes(shell)) {
        throw new UsageError(
          `Cannot write completions for ${
            quoteArgument(shell)
          }: choose bash, zsh or fish`,
        );
      }
      const model = await completionModel(commands, generate());
      await writeText(io.stdout, completionScript(shell as Shell, model));
      return 0;
    },
  };
}

/** A shell `keymint completions` writes for. */
export type Shell = (typeof SHELLS)[number];

/**
 * The completion script for `shell`.
 *
 * @param shell bash, zsh or fish.
 * @param model What to complete.
 */
export function completionScript(shell: Shell, model: CompletionModel): string {
  const header =
    `# keymint completions for ${shell}, made by \`keymint completions ${shell}\`.\n`;
  if (shell === "fish") return header + fishScript(model);
  if (shell === "zsh") {
    return `#compdef keymint\n${header}${decideFunction(model)}${ZSH_ENTRY}`;
  }
  return header + decideFunction(model) + BASH_ENTRY;
}

const BASH_ENTRY = `
_keymint() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev=""
  [ "$COMP_CWORD" -gt 0 ] && prev="\${COMP_WORDS[COMP_CWORD-1]}"
  __keymint_decide "$cur" "$prev" "\${COMP_WORDS[@]:1:COMP_CWORD-1}"
  case "$__keymint_kind" in
    file) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")) ;;
    words) COMPREPLY=($(compgen -W "$__keymint_list" -- "$cur")) ;;
    *) COMPREPLY=() ;;
  esac
}
complete -F _keymint keymint
`;

const ZSH_ENTRY = `
_keymint() {
  local cur="\${words[CURRENT]}" prev="\${words[CURRENT-1]}"
  __keymint_decide "$cur" "$prev" "\${(@)words[2,CURRENT-1]}"
  case "$__keymint_kind" in
    file) _files ;;
    words) compadd -- \${=__keymint_list} ;;
  esac
}

if [ "$funcstack[1]" = "_keymint" ]; then
  _keymint "$@"
else
  compdef _keymint keymint
fi
`;

/**
 * The shell function bash and zsh share: from the current word, the one
 * before it and the words so far, it sets `__keymint_kind` (file, words or
 * none) and `__keymint_list`.
 */
function decideFunction(model: CompletionModel): string {
  const firstWords = [
    ...model.commands.map((command) => command.name),
    ...model.generate.operands,
  ];
  const branches = model.commands.map((command) => {
    const actions = model.actions[command.name];
    if (actions === undefined) return branch(command.name, command);
    const inner = actions.map((action) =>
      branch(action.name.split(" ")[1]!, action, "      ")
    ).join("");
    return `    ${command.name})
      case "$action" in
${inner}      *) __keymint_flags=${shellWords(flagWords(command.flags))}
         __keymint_operands=${
      shellWords(actions.map((a) => a.name.split(" ")[1]!))
    } ;;
      esac ;;
`;
  }).join("");
  return `
__keymint_decide() {
  local cur="$1" prev="$2" cmd="" action="" word
  shift 2
  for word in "$@"; do
    case "$word" in -*) continue ;; esac
    if [ -z "$cmd" ]; then cmd="$word"; elif [ -z "$action" ]; then action="$word"; fi
  done
  __keymint_kind=words
  __keymint_list=""
  __keymint_flags=""
  __keymint_operands=""
  case "$cmd" in
${branches}${branch("*", model.generate, "    ", "cmd", firstWords)}  esac
  [ "$__keymint_kind" = words ] || return 0
  [ -n "$__keymint_list" ] && return 0
  case "$cur" in
    -*) __keymint_list="$__keymint_flags" ;;
    *) __keymint_list="$__keymint_operands" ;;
  esac
}
`;
}

/**
 * One `case` branch: the value of the previous flag (files, a list, or
 * nothing to offer), else the flags and, while the slot named by `slot`
 * is empty, the operands.
 */
function branch(
  pattern: string,
  command: CommandModel,
  indent = "    ",
  slot: "cmd" | "action" = "action",
  operands: readonly string[] = command.operands,
): string {
  const values = command.flags.filter((flag) => flag.takesValue).map((flag) => {
    const spellings = flagWords([flag]).join("|");
    const what = flag.values === "file"
      ? "__keymint_kind=file"
      : Array.isArray(flag.values)
      ? `__keymint_list=${shellWords(flag.values)}`
      : "__keymint_kind=none";
    return `${indent}    ${spellings}) ${what}; return 0 ;;\n`;
  }).join("");
  const prevCase = values === ""
    ? ""
    : `${indent}  case "$prev" in\n${values}${indent}  esac\n`;
  const emptySlot = slot === "cmd" ? `"$cmd"` : `"$action"`;
  const operandLine = operands.length === 0
    ? ""
    : `${indent}  [ -z ${emptySlot} ] && __keymint_operands=${
      shellWords(operands)
    }\n`;
  return `${indent}${pattern})
${prevCase}${indent}  __keymint_flags=${shellWords(flagWords(command.flags))}
${operandLine}${indent}  ;;
`;
}

/** Words in single quotes, for bash and zsh (none holds a quote). */
function shellWords(words: readonly string[]): string {
  return `'${words.join(" ").replaceAll("'", "")}'`;
}

/** A fish `complete` line per command, operand and flag. */
function fishScript(model: CompletionModel): string {
  const names = model.commands.map((command) => command.name).join(" ");
  const lines = ["complete -c keymint -f"];
  const top = "__fish_use_subcommand";
  for (const command of model.commands) {
    lines.push(
      `complete -c keymint -n ${top} -a ${command.name} -d ${
        fishQuote(command.summary)
      }`,
    );
  }
  lines.push(
    `complete -c keymint -n ${top} -a ${
      fishQuote(model.generate.operands.join(" "))
    } -d format`,
  );
  lines.push(
    ...fishFlags(model.generate, `not __fish_seen_subcommand_from ${names}`),
  );
  for (const command of model.commands) {
    const seen = `__fish_seen_subcommand_from ${command.name}`;
    const actions = model.actions[command.name];
    if (actions !== undefined) {
      const actionNames = actions.map((a) => a.name.split(" ")[1]!);
      const none = `${seen}; and not __fish_seen_subcommand_from ${
        actionNames.join(" ")
      }`;
      lines.push(
        `complete -c keymint -n ${fishQuote(none)} -a ${
          fishQuote(actionNames.join(" "))
        }`,
      );
      for (const action of actions) {
        const condition = `${seen}; and __fish_seen_subcommand_from ${
          action.name.split(" ")[1]
        }`;
        lines.push(...fishFlags(action, condition));
      }
      continue;
    }
    if (command.operands.length > 0) {
      lines.push(
        `complete -c keymint -n ${fishQuote(seen)} -a ${
          fishQuote(command.operands.join(" "))
        }`,
      );
    }
    lines.push(...fishFlags(command, seen));
  }
  return lines.join("\n") + "\n";
}

function fishFlags(command: CommandModel, condition: string): string[] {
  return command.flags.map((flag) => {
    const parts = [`complete -c keymint -n ${fishQuote(condition)}`];
    parts.push(`-l ${flag.long}`);
    if (flag.short !== undefined) parts.push(`-s ${flag.short}`);
    if (flag.takesValue) {
      if (flag.values === "file") parts.push("-r -F");
      else if (Array.isArray(flag.values)) {
        parts.push(`-x -a ${fishQuote(flag.values.join(" "))}`);
      } else parts.push("-x");
    }
    if (flag.summary !== "") parts.push(`-d ${fishQuote(flag.summary)}`);
    return parts.join(" ");
  });
}

/** A fish single-quoted string. */
function fishQuote(text: string): string {
  return `'${text.replaceAll("\\", "\\\\").replaceAll("'", "\\'")}'`;
}
