import { useEffect, useRef, useState } from "preact/hooks";
import {
  findWebhookScheme,
  parseWebhookHeaders,
  signWebhook,
  verifyWebhook,
  WEBHOOK_SCHEMES,
  type WebhookRejected,
  type WebhookScheme,
  type WebhookVerification,
} from "@keymint/core";
import { isInputError } from "@keymint/core/faces";

/** Props of {@linkcode WebhookCheck}; plain data, sent to the browser as JSON. */
export interface WebhookCheckProps {
  /**
   * The scheme selected at first.
   *
   * @default {"standard"}
   */
  scheme?: WebhookScheme;
}

/** What the user pasted. */
interface Fields {
  scheme: WebhookScheme;
  secret: string;
  headers: string;
  body: string;
  /** Whether the signed timestamp must lie within 5 minutes of now. */
  checkAge: boolean;
}

type Outcome =
  | { kind: "idle" }
  | { kind: "checking" }
  | { kind: "done"; result: WebhookVerification }
  | { kind: "error"; message: string };

const HINTS: Record<WebhookRejected["reason"], string> = {
  missing: "Paste every header of the delivery, one Name: value per line.",
  malformed: "Copy the headers exactly as received, one Name: value per line.",
  mismatch:
    "Check the secret, and that the body is exactly what was sent: re-formatted JSON or an added newline changes the signature.",
  expired:
    "A recorded delivery? Untick the 5-minute check to test only the signature.",
  future: "Check the clocks, or untick the 5-minute check.",
};

/**
 * Checks the signature of a webhook delivery in the browser: pick the
 * scheme, paste the secret, the headers and the body, and press Verify. The
 * check runs on Web Crypto through `@keymint/core`; nothing is sent
 * anywhere. The answer is announced in a live region.
 */
export function WebhookCheck(props: WebhookCheckProps) {
  const [fields, setFields] = useState<Fields>({
    scheme: props.scheme ?? "standard",
    secret: "",
    headers: "",
    body: "",
    checkAge: true,
  });
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });
  // Until the island has hydrated the Verify button stays disabled, so the
  // form can never be submitted to the server with a secret in it.
  const [ready, setReady] = useState(false);
  const round = useRef(0);
  useEffect(() => setReady(true), []);

  const set = (patch: Partial<Fields>) => {
    round.current++;
    setFields((current) => ({ ...current, ...patch }));
    setOutcome({ kind: "idle" });
  };

  const submit = async () => {
    const mine = ++round.current;
    setOutcome({ kind: "checking" });
    const next = await check(fields);
    if (round.current === mine) setOutcome(next);
  };

  const loadExample = async () => {
    set(await exampleFor(fields.scheme));
  };

  const scheme = findWebhookScheme(fields.scheme);
  return (
    <form
      class="webhook-check"
      aria-describedby="wh-privacy"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <p class="hint" id="wh-privacy">
        The check runs in this page with Web Crypto; the secret, headers and
        body are not sent anywhere.
      </p>
      <div class="controls">
        <div class="field">
          <label for="wh-scheme">Scheme</label>
          <select
            id="wh-scheme"
            value={fields.scheme}
            onChange={(e) =>
              set({ scheme: e.currentTarget.value as WebhookScheme })}
          >
            {WEBHOOK_SCHEMES.map((s) => (
              <option key={s.name} value={s.name}>{s.title}</option>
            ))}
          </select>
          <p class="hint">{scheme.summary}.</p>
        </div>
        <div class="field">
          <label for="wh-secret">Secret</label>
          <input
            id="wh-secret"
            type="text"
            autoComplete="off"
            autoCapitalize="off"
            spellcheck={false}
            value={fields.secret}
            aria-describedby="wh-secret-help"
            onInput={(e) => set({ secret: e.currentTarget.value })}
          />
          <p class="hint" id="wh-secret-help">{scheme.secretForm}.</p>
        </div>
        <div class="field field-wide">
          <label for="wh-headers">Headers</label>
          <textarea
            id="wh-headers"
            rows={scheme.headers.length + 1}
            autoComplete="off"
            autoCapitalize="off"
            spellcheck={false}
            placeholder={scheme.headerExample}
            value={fields.headers}
            aria-describedby="wh-headers-help"
            onInput={(e) => set({ headers: e.currentTarget.value })}
          />
          <p class="hint" id="wh-headers-help">
            One <code>Name: value</code> per line, as received; {scheme.title}
            {" "}
            uses {scheme.headers.map((name, i) => (
              <span key={name}>
                {i > 0 ? ", " : ""}
                <code>{name}</code>
              </span>
            ))}.
          </p>
        </div>
        <div class="field field-wide">
          <label for="wh-body">Body</label>
          <textarea
            id="wh-body"
            rows={6}
            autoComplete="off"
            autoCapitalize="off"
            spellcheck={false}
            value={fields.body}
            aria-describedby="wh-body-help"
            onInput={(e) => set({ body: e.currentTarget.value })}
          />
          <p class="hint" id="wh-body-help">
            The raw request body, character for character (line breaks are read
            as \n).
          </p>
        </div>
        {scheme.timestamped
          ? (
            <div class="field field-wide">
              <label class="check">
                <input
                  id="wh-check-age"
                  type="checkbox"
                  checked={fields.checkAge}
                  onChange={(e) => set({ checkAge: e.currentTarget.checked })}
                />
                Reject a timestamp more than 5 minutes from now
              </label>
            </div>
          )
          : null}
      </div>
      <div class="actions">
        <button type="submit" class="primary" disabled={!ready}>Verify</button>
        <button
          type="button"
          disabled={!ready}
          onClick={() => void loadExample()}
        >
          Load an example
        </button>
      </div>
      <div role="status" aria-live="polite" aria-atomic="true">
        <Result outcome={outcome} />
      </div>
    </form>
  );
}

function Result({ outcome }: { outcome: Outcome }) {
  switch (outcome.kind) {
    case "idle":
      return null;
    case "checking":
      return <p class="status">Checking…</p>;
    case "error":
      return <p class="error">{outcome.message}</p>;
    case "done": {
      const { result } = outcome;
      if (!result.ok) {
        return (
          <div class="error" data-webhook-result="invalid">
            <strong>Not valid ({result.reason}):</strong> {result.message}.
            <br />
            {HINTS[result.reason]}
          </div>
        );
      }
      const info = findWebhookScheme(result.scheme);
      return (
        <div class="preset-note" data-webhook-result="valid">
          <strong>Valid:</strong> the {info.headers.at(-1)}{" "}
          signature matches this secret and body.
          {result.timestamp === undefined ? null : (
            <>
              <br />
              Signed at {new Date(result.timestamp * 1000).toISOString()}
              {result.id === undefined ? "" : `, message id ${result.id}`}.
            </>
          )}
        </div>
      );
    }
  }
}

async function check(fields: Fields): Promise<Outcome> {
  try {
    const headers = parseWebhookHeaders(fields.headers);
    if (headers.length === 0) {
      return {
        kind: "error",
        message:
          "Paste the delivery's headers first, one Name: value per line.",
      };
    }
    const scheme = findWebhookScheme(fields.scheme);
    const result = await verifyWebhook(fields.scheme, {
      secret: fields.secret,
      body: fields.body,
      headers,
      ...(scheme.timestamped && !fields.checkAge
        ? { tolerance: Infinity }
        : {}),
    });
    return { kind: "done", result };
  } catch (error) {
    if (isInputError(error)) return { kind: "error", message: error.message };
    throw error;
  }
}

/**
 * A delivery to try the check on: the scheme's sample from core's table,
 * published (Standard Webhooks, GitHub), or signed here at the current
 * time when the scheme publishes none (Stripe). A published sample's
 * timestamp is old, so the 5-minute check starts unticked for it.
 */
async function exampleFor(
  name: WebhookScheme,
): Promise<Omit<Fields, "scheme">> {
  const scheme = findWebhookScheme(name);
  const { secret, body } = scheme.sample;
  const headers = scheme.sample.headers ??
    await signWebhook(scheme.name, { secret, body });
  return {
    secret,
    headers: Object.entries(headers).map(([n, v]) => `${n}: ${v}`).join("\n"),
    body,
    checkAge: scheme.sample.headers === undefined || !scheme.timestamped,
  };
}
