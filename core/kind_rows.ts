/**
 * The rows of recognised key kinds: provider tokens, keymint's own presets
 * and structured formats. Each row cites where its shape is documented.
 * Shapes are read from the providers' documentation and announcements, not
 * copied from any scanner's rules.
 *
 * @module
 */

import { between, exactly, type Shape } from "./_shape.ts";

/** One recognised kind of key, token or secret. */
export interface KeyKind {
  /** A stable identifier, such as `github-pat-classic`. */
  readonly id: string;
  /** Who issues it, such as `GitHub`. */
  readonly provider: string;
  /** What it is, in the provider's words. */
  readonly type: string;
  /** The literal text every value starts with (may be empty). */
  readonly prefix: string;
  /** The rest of the value after the prefix, as literals and runs. */
  readonly shape: Shape;
  /**
   * The checksum scheme every value carries, or null. `crc32-base62`: the
   * last six characters are the CRC-32 of the text between the prefix and
   * them, in base62 (GitHub's scheme, also npm's and keymint's).
   */
  readonly checksum: "crc32-base62" | null;
  /**
   * Documented entropy in bits, or null when the provider does not say.
   * `"decoded"`: the number of bits the base64 body decodes to.
   */
  readonly bits: number | "decoded" | null;
  /** False for identifiers and public values that are not secrets. */
  readonly secret: boolean;
  /** A sentence for the reader, or empty. */
  readonly note: string;
  /** Where the shape is documented. */
  readonly source: string;
}

type Row =
  & Omit<KeyKind, "checksum" | "bits" | "secret" | "note" | "prefix">
  & Partial<Pick<KeyKind, "checksum" | "bits" | "secret" | "note">>
  & { readonly prefix?: string };

/** Fills a row's optional fields with their defaults. */
export function row(fields: Row): KeyKind {
  return {
    prefix: "",
    checksum: null,
    bits: null,
    secret: true,
    note: "",
    ...fields,
  };
}

const GITHUB_FORMATS =
  "https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/";
const GITLAB = "https://docs.gitlab.com/security/tokens/";
const SLACK = "https://api.slack.com/authentication/token-types";
const STRIPE = "https://docs.stripe.com/keys";
const AWS_IDS =
  "https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-unique-ids";
const OPENAI = "https://platform.openai.com/docs/api-reference/authentication";
const ANTHROPIC = "https://docs.anthropic.com/en/api/overview";
const DOCKER = "https://docs.docker.com/security/access-tokens/";
const SHOPIFY_TOKENS =
  "https://shopify.dev/changelog/length-of-the-shopify-access-token-is-increasing";

/** 30 base62 characters: log2(62^30), rounded down. */
const GITHUB_BITS = 178;

const github = (id: string, prefix: string, type: string): KeyKind =>
  row({
    id,
    provider: "GitHub",
    type,
    prefix,
    shape: [exactly("alnum", 36)],
    checksum: "crc32-base62",
    bits: GITHUB_BITS,
    source: GITHUB_FORMATS,
  });

const gitlab = (id: string, prefix: string, type: string): KeyKind =>
  row({
    id,
    provider: "GitLab",
    type,
    prefix,
    shape: [between("base64url-dot", 20, 300)],
    source: GITLAB,
  });

const slack = (id: string, prefix: string, type: string): KeyKind =>
  row({
    id,
    provider: "Slack",
    type,
    prefix,
    shape: [between("slack", 20, 300)],
    source: SLACK,
  });

const stripe = (mode: "live" | "test", lead: "sk" | "pk" | "rk"): KeyKind => {
  const role = { sk: "secret", pk: "publishable", rk: "restricted" }[lead];
  return row({
    id: `stripe-${role}-${mode}`,
    provider: "Stripe",
    type: `${role} key (${mode} mode)`,
    prefix: `${lead}_${mode}_`,
    shape: [between("alnum", 24, 247)],
    secret: lead !== "pk",
    note: lead === "pk"
      ? "A publishable key is meant to be shipped to browsers: not a secret"
      : "",
    source: STRIPE,
  });
};

const shopify = (prefix: string, type: string, source: string): KeyKind =>
  row({
    id: `shopify-${prefix.slice(0, -1)}`,
    provider: "Shopify",
    type,
    prefix,
    shape: [exactly("hex-any-case", 32)],
    source,
  });

/** The providers' tokens, most specific first. */
export const PROVIDER_ROWS: readonly KeyKind[] = /* @__PURE__ */ (() => [
  github("github-pat-classic", "ghp_", "personal access token (classic)"),
  github("github-oauth", "gho_", "OAuth access token"),
  github("github-user-to-server", "ghu_", "GitHub App user access token"),
  github("github-server-to-server", "ghs_", "GitHub App installation token"),
  github("github-refresh", "ghr_", "GitHub App refresh token"),
  row({
    id: "github-pat-fine-grained",
    provider: "GitHub",
    type: "fine-grained personal access token",
    prefix: "github_pat_",
    shape: [exactly("alnum", 22), "_", exactly("alnum", 59)],
    note:
      "GitHub does not document how this token's check digits are computed, so they are not checked",
    source:
      "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/managing-your-personal-access-tokens",
  }),
  row({
    id: "npm-access-token",
    provider: "npm",
    type: "access token",
    prefix: "npm_",
    shape: [exactly("alnum", 36)],
    checksum: "crc32-base62",
    bits: GITHUB_BITS,
    source:
      "https://github.blog/changelog/2021-09-23-npm-has-a-new-access-token-format/",
  }),
  gitlab("gitlab-pat", "glpat-", "personal, project or group access token"),
  gitlab("gitlab-deploy-token", "gldt-", "deploy token"),
  gitlab("gitlab-runner-token", "glrt-", "runner authentication token"),
  gitlab("gitlab-trigger-token", "glptt-", "pipeline trigger token"),
  gitlab("gitlab-oauth-secret", "gloas-", "OAuth application secret"),
  slack("slack-bot", "xoxb-", "bot token"),
  slack("slack-user", "xoxp-", "user token"),
  slack("slack-app", "xapp-", "app-level token"),
  slack("slack-config", "xoxe.xoxp-", "configuration token"),
  slack("slack-refresh", "xoxe-", "refresh token"),
  row({
    id: "slack-webhook-url",
    provider: "Slack",
    type: "incoming webhook URL",
    prefix: "https://hooks.slack.com/services/",
    shape: [
      between("alnum", 8, 12),
      "/",
      between("alnum", 8, 12),
      "/",
      between("alnum", 20, 40),
    ],
    source: "https://api.slack.com/messaging/webhooks",
  }),
  stripe("live", "sk"),
  stripe("test", "sk"),
  stripe("live", "rk"),
  stripe("test", "rk"),
  stripe("live", "pk"),
  stripe("test", "pk"),
  ...(["AKIA", "ASIA"] as const).map((prefix) =>
    row({
      id: prefix === "AKIA" ? "aws-access-key-id" : "aws-temporary-key-id",
      provider: "AWS",
      type: prefix === "AKIA"
        ? "access key ID (long-term)"
        : "access key ID (temporary, from STS)",
      prefix,
      shape: [exactly("alnum-upper", 16)],
      secret: false,
      note:
        "An access key ID names a key; the secret access key that goes with it is the secret",
      source: AWS_IDS,
    })
  ),
  row({
    id: "google-api-key",
    provider: "Google",
    type: "API key",
    prefix: "AIza",
    shape: [exactly("base64url", 35)],
    source: "https://cloud.google.com/docs/authentication/api-keys",
  }),
  ...([["proj", "project"], ["svcacct", "service account"], [
    "admin",
    "admin",
  ]] as const).map(([lead, what]) =>
    row({
      id: `openai-${lead}`,
      provider: "OpenAI",
      type: `${what} API key`,
      prefix: `sk-${lead}-`,
      shape: [between("base64url", 40, 300)],
      source: OPENAI,
    })
  ),
  row({
    id: "openai-legacy",
    provider: "OpenAI",
    type: "user API key (legacy)",
    prefix: "sk-",
    shape: [exactly("alnum", 20), "T3BlbkFJ", exactly("alnum", 20)],
    source: OPENAI,
  }),
  ...([["api03", "API key"], ["admin01", "Admin API key"]] as const).map((
    [version, type],
  ) =>
    row({
      id: `anthropic-${version}`,
      provider: "Anthropic",
      type,
      prefix: `sk-ant-${version}-`,
      shape: [exactly("base64url", 93), "AA"],
      source: ANTHROPIC,
    })
  ),
  row({
    id: "pypi-token",
    provider: "PyPI",
    type: "API token",
    // Every token's macaroon starts with the same bytes ("pypi.org").
    prefix: "pypi-AgEIcHlwaS5vcmc",
    shape: [between("base64url", 50, 400)],
    source: "https://pypi.org/help/#apitoken",
  }),
  row({
    id: "docker-pat",
    provider: "Docker Hub",
    type: "personal access token",
    prefix: "dckr_pat_",
    shape: [between("base64url", 27, 64)],
    source: DOCKER,
  }),
  row({
    id: "docker-oat",
    provider: "Docker Hub",
    type: "organization access token",
    prefix: "dckr_oat_",
    shape: [between("base64url", 27, 64)],
    source: "https://docs.docker.com/security/for-admins/access-tokens/",
  }),
  ...([["SK", "API key SID"], ["AC", "account SID"]] as const).map((
    [prefix, type],
  ) =>
    row({
      id: `twilio-${prefix === "SK" ? "api-key-sid" : "account-sid"}`,
      provider: "Twilio",
      type,
      prefix,
      shape: [exactly("hex", 32)],
      secret: false,
      note:
        "A SID is an identifier; the API key secret or auth token that goes with it is the secret",
      source: "https://www.twilio.com/docs/iam/api-keys",
    })
  ),
  row({
    id: "sendgrid-api-key",
    provider: "SendGrid",
    type: "API key",
    prefix: "SG.",
    shape: [exactly("base64url", 22), ".", exactly("base64url", 43)],
    source:
      "https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys",
  }),
  shopify("shpat_", "Admin API access token", SHOPIFY_TOKENS),
  shopify("shpca_", "custom app access token", SHOPIFY_TOKENS),
  shopify("shppa_", "private app access token", SHOPIFY_TOKENS),
  shopify(
    "shpss_",
    "app shared secret",
    "https://shopify.dev/changelog/app-secret-key-length-has-increased",
  ),
])();
