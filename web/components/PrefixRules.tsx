import { useState } from "preact/hooks";
import {
  formatRules,
  parseKeySpec,
  RULE_FORMATS,
  type RuleFormat,
  rulesFor,
} from "@keymint/core";
import { isInputError } from "@keymint/core/faces";
import { type GeneratorOptions, toKeyOptions } from "../options.ts";

/** Props of {@linkcode PrefixRules}. */
export interface PrefixRulesProps {
  /** The generator's options; rules are shown only when a prefix is set. */
  options: GeneratorOptions;
}

const LABELS: Readonly<Record<RuleFormat, string>> = {
  gitleaks: "gitleaks",
  trufflehog: "trufflehog",
  github: "GitHub custom pattern",
  secretlint: "secretlint",
  regex: "Regular expression",
};

/**
 * Scanner rules for the keys the generator would make with the current
 * prefix, made in the browser by the core (no request), shown on demand
 * beside the prefix field.
 */
export function PrefixRules({ options }: PrefixRulesProps) {
  const [open, setOpen] = useState(false);
  const [format, setFormat] = useState<RuleFormat>("gitleaks");
  if (options.prefix === "" || options.preset !== "") return null;
  let text: string;
  try {
    const spec = parseKeySpec({
      ...toKeyOptions(options),
      count: "1",
      allowWeak: true,
    });
    text = open ? formatRules([rulesFor(spec)], format) : "";
  } catch (error) {
    if (!isInputError(error)) throw error;
    text = error.message;
  }
  return (
    <details
      class="prefix-rules"
      onToggle={(e) => setOpen(e.currentTarget.open)}
    >
      <summary>Scanner rules for this prefix</summary>
      <label for="gen-rules-format">Scanner</label>
      <select
        id="gen-rules-format"
        name="rules-format"
        value={format}
        onChange={(e) => setFormat(e.currentTarget.value as RuleFormat)}
      >
        {RULE_FORMATS.map((name) => (
          <option key={name} value={name}>{LABELS[name]}</option>
        ))}
      </select>
      <pre><code data-rules>{text}</code></pre>
    </details>
  );
}
