/**
 * The rows of recognised kinds that are standard formats (Standard Webhooks
 * secrets, JWTs, UUIDs, PEM blocks) or keymint's own presets. The preset
 * rows take their entropy from the preset table, so they stay exact.
 *
 * @module
 */

import { between, exactly, type Shape } from "./_shape.ts";
import { type KeyKind, row } from "./kind_rows.ts";
import { findPreset } from "./preset.ts";

const UUID = "https://www.rfc-editor.org/rfc/rfc9562#section-5";

const uuid = (version: "4" | "7" | ""): Shape => [
  exactly("hex-any-case", 8),
  "-",
  exactly("hex-any-case", 4),
  "-",
  ...(version === ""
    ? [exactly("hex-any-case", 4)]
    : [version, exactly("hex-any-case", 3)]),
  "-",
  exactly("hex-any-case", 4),
  "-",
  exactly("hex-any-case", 12),
];

/** A keymint preset's shape, its bits taken from the preset table. */
const preset = (
  names: readonly string[],
  shape: Shape,
  prefix = "",
): KeyKind => {
  const first = findPreset(names[0]!);
  return row({
    id: `keymint-${names[0]}`,
    provider: "keymint",
    type: names.length === 1 && prefix !== ""
      ? `${first.title} (preset ${first.name})`
      : `${first.bits}-bit key shaped like the ${names.join(", ")} preset${
        names.length > 1 ? "s" : ""
      }`,
    prefix,
    shape,
    bits: first.bits,
    source: first.source,
  });
};

/**
 * Standard formats and keymint's presets, after the providers' rows: the
 * preset shapes carry no prefix, so they come last.
 */
export const FORMAT_ROWS: readonly KeyKind[] = /* @__PURE__ */ (() => [
  row({
    id: "standard-webhooks-secret",
    provider: "Standard Webhooks",
    type: "webhook signing secret (also keymint's standard-webhooks preset)",
    prefix: "whsec_",
    shape: [between("base64", 32, 88), between("pad", 0, 2)],
    bits: "decoded",
    source:
      "https://github.com/standard-webhooks/standard-webhooks/blob/main/spec/standard-webhooks.md",
  }),
  row({
    id: "jwt",
    provider: "JWT",
    type: "JSON Web Token",
    shape: [
      "eyJ",
      between("base64url", 1, 8192),
      ".",
      between("base64url", 0, 8192),
      ".",
      between("base64url", 0, 8192),
    ],
    secret: false,
    note:
      "A JWT is a signed token, not a secret: anyone can read its claims; what must stay secret is the key that signs it",
    source: "https://www.rfc-editor.org/rfc/rfc7519",
  }),
  row({
    id: "uuid-v4",
    provider: "UUID",
    type: "UUID version 4 (random)",
    shape: uuid("4"),
    bits: 122,
    secret: false,
    note:
      "A UUID is an identifier, not a secret. RFC 9562 section 8 warns against using UUIDs as security capabilities",
    source: UUID,
  }),
  row({
    id: "uuid-v7",
    provider: "UUID",
    type: "UUID version 7 (time-ordered)",
    shape: uuid("7"),
    bits: 74,
    secret: false,
    note:
      "A UUID is an identifier, not a secret; version 7 starts with a timestamp. RFC 9562 section 8 warns against using UUIDs as security capabilities",
    source: UUID,
  }),
  row({
    id: "uuid",
    provider: "UUID",
    type: "UUID",
    shape: uuid(""),
    bits: 0,
    secret: false,
    note:
      "A UUID is an identifier, not a secret. RFC 9562 section 8 warns against using UUIDs as security capabilities",
    source: UUID,
  }),
  row({
    id: "pem",
    provider: "PEM",
    type: "PEM block",
    shape: [
      "-----BEGIN ",
      between("pem-label", 1, 64),
      "-----",
      between("pem-body", 1, 16384),
      "-----END ",
      between("pem-label", 1, 64),
      "-----",
      between("newline", 0, 2),
    ],
    note: "A PEM block holds a key or certificate, not a bearer token",
    source: "https://www.rfc-editor.org/rfc/rfc7468",
  }),
  preset(["laravel"], [exactly("base64", 43), "="], "base64:"),
  preset(["rails"], [exactly("hex", 128)]),
  preset(["flask", "github-webhook"], [exactly("hex", 64)]),
  preset(["django"], [exactly("django", 50)]),
  preset(["jwt-hs512"], [exactly("base64url", 86)]),
  preset(["phoenix", "jwt-hs384"], [exactly("base64-any", 64)]),
  preset(["authjs", "aes-256", "fernet"], [exactly("base64-any", 43), "="]),
  preset(["jwt-hs256"], [exactly("base64url", 43)]),
  preset(["symfony", "rails-master-key"], [exactly("hex", 32)]),
  preset(["aes-128"], [exactly("base64", 22), "=="]),
])();
