import type { FormatInfo, Preset } from "@keymint/core";
import { PrefixRules } from "../../components/PrefixRules.tsx";
import {
  BITS_CHOICES,
  DEFAULT_CUSTOM_ALPHABET,
  type GeneratorOptions,
  MAX_PAGE_COUNT,
  shownFormat,
} from "../../options.ts";

/** A preset as the generator lists and describes it. */
export type PresetChoice = Pick<
  Preset,
  "name" | "title" | "env" | "output" | "source" | "format" | "bits"
>;

/** A format as the generator lists it. */
export type FormatChoice = Pick<FormatInfo, "name" | "summary">;

/** The controls' text fields: validated when typing stops. */
export type TextField = "length" | "count" | "prefix" | "alphabet";

/** What the controls show and how they report changes. */
export interface ControlsProps {
  /** What the inputs hold (ahead of the validated options while typing). */
  draft: GeneratorOptions;
  /** The preset chosen, if any. */
  preset: PresetChoice | undefined;
  /** The presets to offer, from the core's table. */
  presets: readonly PresetChoice[];
  /** The formats to offer, from the core's table. */
  formats: readonly FormatChoice[];
  /** The field the core's message is about, if the options are invalid. */
  invalid: TextField | "other" | undefined;
  /**
   * Changes the options: at once for a choice (select, checkbox), after a
   * pause in typing for a text field.
   */
  onSet(patch: Partial<GeneratorOptions>, typed?: boolean): void;
  /** Validates what was typed now (the field lost focus). */
  onCommit(): void;
}

const COMMON_FORMATS = ["hex", "base64url", "alnum"];
const FORMAT_LABELS: Record<string, string> = {
  alnum: "alphanumeric",
  crockford: "crockford base32",
  custom: "custom alphabet",
};

function formatOption(name: string) {
  return <option key={name} value={name}>{FORMAT_LABELS[name] ?? name}</option>;
}

/** The controls: format, entropy or length, count, prefix, preset. */
export function Controls(props: ControlsProps) {
  const { draft, preset, presets, formats, invalid, onSet, onCommit } = props;
  const usingPreset = preset !== undefined;
  const format = preset ? preset.format : shownFormat(draft);
  const bits = preset ? String(preset.bits) : draft.bits;
  const formatInfo = formats.find((f) => f.name === format);
  /** The accessibility attributes of a text field, with its error. */
  const state = (field: TextField, help?: string) => ({
    "aria-invalid": invalid === field ? "true" as const : undefined,
    "aria-describedby": [invalid === field ? "gen-error" : "", help ?? ""]
      .join(" ").trim() || undefined,
    onBlur: onCommit,
  });
  return (
    <div class="controls">
      <div class="field">
        <label for="gen-format">Format</label>
        <select
          id="gen-format"
          name="format"
          value={format}
          disabled={usingPreset}
          aria-describedby="gen-format-help"
          onChange={(e) => {
            const chosen = e.currentTarget.value;
            onSet(
              chosen === "custom" && draft.alphabet === ""
                ? { format: chosen, alphabet: DEFAULT_CUSTOM_ALPHABET }
                : { format: chosen },
            );
          }}
        >
          <optgroup label="Common">{COMMON_FORMATS.map(formatOption)}</optgroup>
          <optgroup label="More">
            {formats.filter((f) => !COMMON_FORMATS.includes(f.name)).map((f) =>
              formatOption(f.name)
            )}
          </optgroup>
        </select>
        <p class="hint" id="gen-format-help">
          {usingPreset ? "Set by the preset." : formatInfo?.summary ?? ""}
        </p>
      </div>
      <div class="field">
        <label for="gen-bits">Entropy (bits)</label>
        <select
          id="gen-bits"
          name="bits"
          value={bits}
          disabled={usingPreset || draft.length.trim() !== ""}
          onChange={(e) => onSet({ bits: e.currentTarget.value })}
        >
          {BITS_CHOICES.includes(bits)
            ? null
            : <option value={bits}>{bits}</option>}
          {BITS_CHOICES.map((choice) => (
            <option key={choice} value={choice}>
              {choice}
              {choice === "256" ? " (default)" : ""}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="gen-length">Exact length (characters)</label>
        <input
          id="gen-length"
          name="length"
          type="number"
          inputMode="numeric"
          min="1"
          max="16384"
          placeholder="from entropy"
          value={draft.length}
          disabled={usingPreset}
          {...state("length")}
          onInput={(e) => onSet({ length: e.currentTarget.value }, true)}
        />
      </div>
      <div class="field">
        <label for="gen-count">Count</label>
        <input
          id="gen-count"
          name="count"
          type="number"
          inputMode="numeric"
          min="1"
          max={String(MAX_PAGE_COUNT)}
          required
          value={draft.count}
          {...state("count")}
          onInput={(e) => onSet({ count: e.currentTarget.value }, true)}
        />
      </div>
      <div class="field">
        <label for="gen-prefix">Prefix</label>
        <input
          id="gen-prefix"
          name="prefix"
          type="text"
          autoComplete="off"
          spellcheck={false}
          placeholder="e.g. sk_live"
          maxLength={32}
          value={draft.prefix}
          disabled={usingPreset}
          {...state("prefix", "gen-prefix-help")}
          onInput={(e) => onSet({ prefix: e.currentTarget.value }, true)}
        />
        <label class="check">
          <input
            type="checkbox"
            name="checksum"
            value="true"
            checked={draft.checksum}
            disabled={usingPreset || draft.prefix === ""}
            onChange={(e) => onSet({ checksum: e.currentTarget.checked })}
          />
          Checksum
        </label>
        <p class="hint" id="gen-prefix-help">
          Lower-case letters, digits and _; adds a 6-character checksum.
        </p>
        <PrefixRules options={draft} />
      </div>
      <div class="field">
        <label for="gen-preset">Preset</label>
        <select
          id="gen-preset"
          name="preset"
          value={draft.preset}
          onChange={(e) => onSet({ preset: e.currentTarget.value })}
        >
          <option value="">None</option>
          {presets.map((p) => (
            <option key={p.name} value={p.name}>{p.title} ({p.env})</option>
          ))}
        </select>
      </div>
      {format === "custom" && !usingPreset
        ? (
          <div class="field field-wide">
            <label for="gen-alphabet">Alphabet</label>
            <input
              id="gen-alphabet"
              name="alphabet"
              type="text"
              autoComplete="off"
              spellcheck={false}
              value={draft.alphabet}
              {...state("alphabet")}
              onInput={(e) => onSet({ alphabet: e.currentTarget.value }, true)}
            />
          </div>
        )
        : null}
    </div>
  );
}
