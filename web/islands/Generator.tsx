import { Component } from "preact";
import {
  FORMATS,
  type GeneratedKey,
  generateKeys,
  type KeySpec,
  parseKeySpec,
  PRESETS,
} from "@keymint/core";
import {
  BITS_CHOICES,
  DEFAULT_CUSTOM_ALPHABET,
  type GeneratorOptions,
  MAX_PAGE_COUNT,
  optionsToCommand,
  optionsToCurl,
  optionsToPath,
  toKeyOptions,
} from "../options.ts";
import { pageTitle } from "../site.ts";

/** Props of {@linkcode Generator}; plain data, sent to the browser as JSON. */
export interface GeneratorProps {
  /** The state the controls start in (from the page URL). */
  options: GeneratorOptions;
  /** The origin the page was served from, for the curl example. */
  origin: string;
}

const COMMON_FORMATS = ["hex", "base64url", "alnum"];
const FORMAT_LABELS: Record<string, string> = {
  alnum: "alphanumeric",
  crockford: "crockford base32",
  custom: "custom alphabet",
};

type SpecResult = { spec: KeySpec; error?: undefined } | {
  spec?: undefined;
  error: string;
};

function specFor(options: GeneratorOptions): SpecResult {
  try {
    return {
      // The page makes short codes on request and warns; it does not refuse.
      spec: parseKeySpec({ ...toKeyOptions(options), allowWeak: true }, {
        maxCount: MAX_PAGE_COUNT,
      }),
    };
  } catch (error) {
    if (
      error instanceof TypeError || error instanceof RangeError ||
      error instanceof SyntaxError
    ) {
      return { error: error.message };
    }
    throw error;
  }
}

interface GeneratorState {
  options: GeneratorOptions;
  keys: GeneratedKey[] | null;
  copied: number | null;
  status: string;
}

/**
 * The key generator: controls for format, entropy or length, count, prefix
 * and checksum, custom alphabet and preset, and the keys, each with a copy
 * button. Keys are made here, in the browser, by `@keymint/core`; the
 * server renders the same markup with empty slots of the right size, so
 * nothing moves when the keys arrive.
 *
 * A class component rather than hooks or signals: it needs only Preact
 * itself, which keeps the island within its 15 KB budget.
 */
export class Generator extends Component<GeneratorProps, GeneratorState> {
  constructor(props: GeneratorProps) {
    super(props);
    this.state = {
      options: props.options,
      keys: null,
      copied: null,
      status: "",
    };
  }

  override componentDidMount(): void {
    this.generate();
  }

  override componentDidUpdate(_: GeneratorProps, before: GeneratorState): void {
    const { options } = this.state;
    if (before.options === options) return;
    this.generate();
    const path = optionsToPath(options);
    if (path !== location.pathname + location.search) {
      history.replaceState(null, "", path);
    }
    document.title = pageTitle(PRESETS.find((p) => p.name === options.preset));
  }

  generate(): void {
    const { spec } = specFor(this.state.options);
    this.setState({
      keys: spec ? generateKeys(spec) : [],
      copied: null,
      status: "",
    });
  }

  async copy(text: string, index: number, what: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(text);
      this.setState({
        copied: index,
        status: `${what} copied to the clipboard`,
      });
      setTimeout(() => {
        if (this.state.copied === index) this.setState({ copied: null });
      }, 2000);
    } catch {
      this.setState({
        copied: null,
        status:
          "Could not copy: select the text and press Ctrl+C (Cmd+C on a Mac)",
      });
    }
  }

  override render() {
    const { options: current, keys: shown, copied, status } = this.state;
    const set = (patch: Partial<GeneratorOptions>) =>
      this.setState((state) => ({ options: { ...state.options, ...patch } }));
    const copy = (text: string, index: number, what: string) =>
      this.copy(text, index, what);
    const { spec, error } = specFor(current);
    const usingPreset = current.preset !== "";
    const preset = PRESETS.find((p) => p.name === current.preset);
    // With a preset the format and entropy controls show what the preset uses.
    const shownFormat = preset ? preset.format : current.format;
    const shownBits = preset ? String(preset.bits) : current.bits;
    const formatInfo = FORMATS.find((f) => f.name === shownFormat);

    return (
      <form
        class="generator"
        method="get"
        onSubmit={(event) => {
          event.preventDefault();
          this.generate();
        }}
      >
        {error ? <p class="error" role="alert">{error}</p> : null}
        {spec && spec.warnings.length > 0
          ? spec.warnings.map((w) => (
            <p key={w} class="warning" role="note">{w}</p>
          ))
          : null}

        <ol class="keys" aria-label="Generated keys">
          {spec && shown === null
            ? Array.from(
              { length: spec.count },
              (_, i) => (
                <li key={i} class="key-row">
                  <code class="key key-pending" aria-hidden="true">
                    {"0".repeat(spec.length)}
                  </code>
                  <button type="button" disabled>Copy</button>
                  <span class="key-meta">
                    {spec.length} characters · {spec.bits} bits
                  </span>
                </li>
              ),
            )
            : (shown ?? []).map((key, i) => (
              <li key={i} class="key-row">
                <code class="key" data-key>{key.value}</code>
                <button
                  type="button"
                  aria-label={`Copy key ${i + 1}`}
                  onClick={() => copy(key.value, i, `Key ${i + 1}`)}
                >
                  {copied === i ? "Copied" : "Copy"}
                </button>
                <span class="key-meta">
                  {key.length} characters · {key.bits} bits
                </span>
              </li>
            ))}
        </ol>

        <div class="actions">
          <button type="submit" class="primary" id="gen-generate">
            Generate
          </button>
          {shown && shown.length > 1
            ? (
              <button
                type="button"
                onClick={() =>
                  copy(
                    shown.map((k) => k.value).join("\n") + "\n",
                    -1,
                    "All keys",
                  )}
              >
                {copied === -1 ? "Copied all" : "Copy all"}
              </button>
            )
            : null}
          <p class="status" role="status" aria-live="polite">{status}</p>
        </div>

        {preset
          ? (
            <p class="preset-note">
              {preset.title} reads it from <code>{preset.env}</code>:{" "}
              {preset.output}. Rule: {preset.source}
            </p>
          )
          : null}

        <div class="controls">
          <div class="field">
            <label for="gen-format">Format</label>
            <select
              id="gen-format"
              name="format"
              value={shownFormat}
              disabled={usingPreset}
              aria-describedby="gen-format-help"
              onChange={(e) => {
                const format = e.currentTarget.value;
                set(
                  format === "custom" && current.alphabet === ""
                    ? { format, alphabet: DEFAULT_CUSTOM_ALPHABET }
                    : { format },
                );
              }}
            >
              <optgroup label="Common">
                {COMMON_FORMATS.map((name) => (
                  <option key={name} value={name}>
                    {FORMAT_LABELS[name] ?? name}
                  </option>
                ))}
              </optgroup>
              <optgroup label="More">
                {FORMATS.filter((f) => !COMMON_FORMATS.includes(f.name)).map((
                  f,
                ) => (
                  <option key={f.name} value={f.name}>
                    {FORMAT_LABELS[f.name] ?? f.name}
                  </option>
                ))}
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
              value={shownBits}
              disabled={usingPreset || current.length.trim() !== ""}
              onChange={(e) => set({ bits: e.currentTarget.value })}
            >
              {BITS_CHOICES.includes(shownBits)
                ? null
                : <option value={shownBits}>{shownBits}</option>}
              {BITS_CHOICES.map((bits) => (
                <option key={bits} value={bits}>
                  {bits}
                  {bits === "256" ? " (default)" : ""}
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
              value={current.length}
              disabled={usingPreset}
              onInput={(e) => set({ length: e.currentTarget.value })}
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
              value={current.count}
              onInput={(e) => set({ count: e.currentTarget.value })}
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
              value={current.prefix}
              disabled={usingPreset}
              aria-describedby="gen-prefix-help"
              onInput={(e) => set({ prefix: e.currentTarget.value })}
            />
            <label class="check">
              <input
                type="checkbox"
                name="checksum"
                value="true"
                checked={current.checksum}
                disabled={usingPreset || current.prefix === ""}
                onChange={(e) => set({ checksum: e.currentTarget.checked })}
              />
              Checksum
            </label>
            <p class="hint" id="gen-prefix-help">
              Lower-case letters, digits and _; adds a 6-character checksum.
            </p>
          </div>
          <div class="field">
            <label for="gen-preset">Preset</label>
            <select
              id="gen-preset"
              name="preset"
              value={current.preset}
              onChange={(e) => set({ preset: e.currentTarget.value })}
            >
              <option value="">None</option>
              {PRESETS.map((p) => (
                <option key={p.name} value={p.name}>{p.title} ({p.env})</option>
              ))}
            </select>
          </div>
          {current.format === "custom" && !usingPreset
            ? (
              <div class="field field-wide">
                <label for="gen-alphabet">Alphabet</label>
                <input
                  id="gen-alphabet"
                  name="alphabet"
                  type="text"
                  autoComplete="off"
                  spellcheck={false}
                  value={current.alphabet}
                  onInput={(e) => set({ alphabet: e.currentTarget.value })}
                />
              </div>
            )
            : null}
        </div>

        <details class="equivalents">
          <summary>The same from the command line or over HTTP</summary>
          <pre><code>{optionsToCommand(current)}</code></pre>
          <pre><code>{optionsToCurl(current, this.props.origin)}</code></pre>
        </details>
      </form>
    );
  }
}
