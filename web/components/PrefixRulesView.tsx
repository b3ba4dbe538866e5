/**
 * The open view of the scanner rules: the scanner choice and the rules
 * text. A module of its own that the page loads (and with it the core's
 * rules code) with `import()` only when someone opens the view, so the
 * generator's first load stays small. Loading it sends nothing about the
 * key: it is a static file of the build.
 *
 * @module
 */

import { Component } from "preact";
import {
  formatRules,
  type KeySpec,
  type RuleFormat,
  rulesFor,
} from "@keymint/core";
import { isInputError } from "@keymint/core/faces";

/**
 * The scanners, in the core's order (`RULE_FORMATS`, which a test compares
 * with this table), with the names the view shows.
 */
export const RULE_LABELS: Readonly<Record<RuleFormat, string>> = {
  gitleaks: "gitleaks",
  trufflehog: "trufflehog",
  github: "GitHub custom pattern",
  secretlint: "secretlint",
  regex: "Regular expression",
};

/** Props of {@linkcode PrefixRulesView}. */
export interface PrefixRulesViewProps {
  /** Whether the view is open; the rules are written only then. */
  open: boolean;
  /**
   * The spec of the keys the generator would make, read with the core's
   * validator; its message is shown when the options are invalid.
   */
  spec(): KeySpec;
}

/** The scanner choice and the rules, inside the open `<details>`. */
export class PrefixRulesView
  extends Component<PrefixRulesViewProps, { format: RuleFormat }> {
  constructor(props: PrefixRulesViewProps) {
    super(props);
    this.state = { format: "gitleaks" };
  }

  override render() {
    const { format } = this.state;
    // Written only while open: the rules follow every change of the
    // options, and the core's message shows when they cannot be written.
    let text = "";
    if (this.props.open) {
      try {
        text = formatRules([rulesFor(this.props.spec())], format);
      } catch (error) {
        if (!isInputError(error)) throw error;
        text = error.message;
      }
    }
    return (
      <>
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
      </>
    );
  }
}
