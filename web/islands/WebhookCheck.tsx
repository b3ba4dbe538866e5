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

const PLACEHOLDERS: Record<WebhookScheme, string> = {
  standard:
    "webhook-id: msg_...\nwebhook-timestamp: 1700000000\nwebhook-signature: v1,...",
  github: "X-Hub-Signature-256: sha256=...",
  stripe: "Stripe-Signature: t=1700000000,v1=...",
};

const SECRET_HINTS: Record<WebhookScheme, string> = {
  standard: "whsec_ followed by base64, as the sender shows it.",
  github: "The text entered as the webhook's secret on GitHub.",
  stripe: "The endpoint's signing secret, whsec_..., used whole.",
};

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
          <p class="hint" id="wh-secret-help">{SECRET_HINTS[fields.scheme]}</p>
        </div>
        <div class="field field-wide">
          <label for="wh-headers">Headers</label>
          <textarea
            id="wh-headers"
            rows={scheme.headers.length + 1}
            autoComplete="off"
            autoCapitalize="off"
            spellcheck={false}
            placeholder={PLACEHOLDERS[fields.scheme]}
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
    if (
      error instanceof TypeError || error instanceof RangeError ||
      error instanceof SyntaxError
    ) {
      return { kind: "error", message: error.message };
    }
    throw error;
  }
}

/**
 * A delivery to try the check on: the published Standard Webhooks and
 * GitHub examples, and for Stripe (which publishes none) one signed here
 * with a made-up secret.
 */
async function exampleFor(
  scheme: WebhookScheme,
): Promise<Omit<Fields, "scheme">> {
  switch (scheme) {
    case "standard":
      return {
        secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
        headers: "webhook-id: msg_p5jXN8AQM9LWM0D4loKWxJek\n" +
          "webhook-timestamp: 1614265330\n" +
          "webhook-signature: v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
        body: '{"test": 2432232314}',
        checkAge: false,
      };
    case "github":
      return {
        secret: "It's a Secret to Everybody",
        headers:
          "X-Hub-Signature-256: sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17",
        body: "Hello, World!",
        checkAge: true,
      };
    case "stripe": {
      const secret = "whsec_keymint_example_not_a_real_secret";
      const body = '{"id":"evt_example","type":"ping"}';
      const headers = await signWebhook("stripe", { secret, body });
      return {
        secret,
        headers: Object.entries(headers).map(([n, v]) => `${n}: ${v}`).join(
          "\n",
        ),
        body,
        checkAge: true,
      };
    }
  }
}
