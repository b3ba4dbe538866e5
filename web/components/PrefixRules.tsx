import { Component } from "preact";
import { parseKeySpec, type RuleFormat } from "@keymint/core";
import { isInputError } from "@keymint/core/faces";
import { type GeneratorOptions, toKeyOptions } from "../options.ts";

/** Props of {@linkcode PrefixRules}. */
export interface PrefixRulesProps {
  /** The generator's options; rules are shown only when a prefix is set. */
  options: GeneratorOptions;
}

/**
 * The scanners, in the core's order (`RULE_FORMATS`, which a test compares
 * with this table), with the names the view shows. Listed here rather than
 * read from the core so that the closed view needs none of the rules code.
 */
export const RULE_LABELS: Readonly<Record<RuleFormat, string>> = {
  gitleaks: "gitleaks",
  trufflehog: "trufflehog",
  github: "GitHub custom pattern",
  secretlint: "secretlint",
  regex: "Regular expression",
};

type RulesModule = typeof import("./prefix_rules_text.ts");

interface PrefixRulesState {
  open: boolean;
  format: RuleFormat;
  /** The rules code, once loaded (when the view is first opened). */
  rules: RulesModule | undefined;
  /** Loading the rules code failed (offline); opening again retries. */
  failed: boolean;
}

/**
 * Scanner rules for the keys the generator would make with the current
 * prefix, made in the browser by the core (no request that carries
 * anything of the key), shown on demand beside the prefix field. The
 * rules code is loaded when the view is first opened.
 *
 * A class component, like the generator: no hooks in the first load.
 */
export class PrefixRules extends Component<PrefixRulesProps, PrefixRulesState> {
  #loading = false;

  constructor(props: PrefixRulesProps) {
    super(props);
    this.state = {
      open: false,
      format: "gitleaks",
      rules: undefined,
      failed: false,
    };
  }

  #toggle(open: boolean): void {
    this.setState({ open });
    if (!open || this.state.rules || this.#loading) return;
    this.#loading = true;
    import("./prefix_rules_text.ts").then(
      (rules) => this.setState({ rules, failed: false }),
      () => this.setState({ failed: true }),
    ).finally(() => this.#loading = false);
  }

  override render() {
    const { options } = this.props;
    const { open, format, rules, failed } = this.state;
    if (options.prefix === "" || options.preset !== "") return null;
    let text: string;
    try {
      const spec = parseKeySpec({
        ...toKeyOptions(options),
        count: "1",
        allowWeak: true,
      });
      text = !open
        ? ""
        : rules
        ? rules.rulesText(spec, format)
        : failed
        ? "Could not load the rules: check the connection, then close and open this again."
        : "";
    } catch (error) {
      if (!isInputError(error)) throw error;
      text = error.message;
    }
    return (
      <details
        class="prefix-rules"
        onToggle={(e) => this.#toggle(e.currentTarget.open)}
      >
        <summary>Scanner rules for this prefix</summary>
        <label for="gen-rules-format">Scanner</label>
        <select
          id="gen-rules-format"
          name="rules-format"
          value={format}
          onChange={(e) =>
            this.setState({ format: e.currentTarget.value as RuleFormat })}
        >
          {(Object.keys(RULE_LABELS) as RuleFormat[]).map((name) => (
            <option key={name} value={name}>{RULE_LABELS[name]}</option>
          ))}
        </select>
        <pre><code data-rules>{text}</code></pre>
      </details>
    );
  }
}
