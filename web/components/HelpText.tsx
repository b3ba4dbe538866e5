import type { Preset } from "@keymint/core";

/** Props of {@linkcode HelpText}. */
export interface HelpTextProps {
  /** The origin the page is served from, for the curl examples. */
  origin: string;
  /** The preset table, for the list of preset pages. */
  presets: readonly Preset[];
}

const FORMAT_ROWS: ReadonlyArray<readonly [string, string, string, string]> = [
  [
    "hex",
    "64",
    "32",
    "The safe default. Every tool reads it, it survives any copy and paste, and it is what openssl rand -hex prints. Longest of the byte formats.",
  ],
  [
    "base64url",
    "43",
    "22",
    "Short and URL-safe (A-Z, a-z, 0-9, - and _, no padding). Good for tokens in URLs, cookies and JWT secrets.",
  ],
  [
    "base64",
    "44",
    "24",
    "What many frameworks ask for (Laravel, Auth.js, AES keys). Contains + and /, and = padding: quote it in shells and URLs.",
  ],
  [
    "alphanumeric",
    "43",
    "22",
    "Letters and digits only, so a double-click selects the whole key and nothing needs escaping. The body of prefixed API keys.",
  ],
  [
    "base58",
    "44",
    "22",
    "Like alphanumeric without 0, O, I and l, which are easy to misread. Good for keys people read aloud or type.",
  ],
  [
    "base32",
    "52",
    "26",
    "Upper-case letters and 2-7; case-insensitive, so it suits systems that fold case, and TOTP seeds use it.",
  ],
  [
    "Crockford base32",
    "52",
    "26",
    "Lower-case base32 without i, l, o and u; readable and unambiguous, a fine choice for codes people type.",
  ],
  [
    "digits",
    "78",
    "39",
    "Numbers only. Use it where nothing else is accepted; it needs the most characters for the same strength.",
  ],
];

/**
 * The help text under the generator: choosing a format and a size, storing
 * and rotating keys, prefixes and checksums, two-part credentials, the CLI,
 * the HTTP API and a FAQ. Plain server-rendered markup, no island.
 */
export function HelpText({ origin, presets }: HelpTextProps) {
  return (
    <article class="help" id="help">
      <h2>Choosing a format</h2>
      <p>
        Every format here carries the same strength for the same number of bits:
        a 256-bit key is as hard to guess in hex as in base58. What changes is
        the alphabet, and with it the length and where the key can travel
        without being mangled. Pick the alphabet that the receiving system
        expects; if it does not care, hex is the format nobody ever misreads,
        and base64url is the short one.
      </p>
      {/* Focusable, so a phone's keyboard user can scroll it sideways. */}
      <div
        class="table-scroll"
        tabIndex={0}
        role="region"
        aria-label="Formats table"
      >
        <table>
          <caption class="visually-hidden">
            Formats, their length and what they suit
          </caption>
          <thead>
            <tr>
              <th scope="col">Format</th>
              <th scope="col">Characters at 256 bits</th>
              <th scope="col">At 128 bits</th>
              <th scope="col">Suits</th>
            </tr>
          </thead>
          <tbody>
            {FORMAT_ROWS.map(([name, at256, at128, suits]) => (
              <tr key={name}>
                <td>{name}</td>
                <td>{at256}</td>
                <td>{at128}</td>
                <td>{suits}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p>
        Byte formats (hex, base64, base64url, base32, Crockford) encode whole
        random bytes. The others draw each character on its own, uniformly, by
        rejection sampling: a random byte that would make some characters more
        likely than others is thrown away and drawn again. Taking the byte
        modulo the alphabet size, which many generators do, would favour the
        first characters of the alphabet; keymint never does. A custom alphabet
        of your own (2 to 256 distinct characters) is drawn the same way.
      </p>

      <h2>How much entropy?</h2>
      <p>
        Entropy is the number of yes-or-no questions an attacker would have to
        get right to guess the key. The generator shows the exact figure for
        every key, rounded down to a whole bit.
      </p>
      <ul>
        <li>
          <strong>128 bits</strong>{" "}
          is the floor for anything that guards access. Even at a trillion
          guesses a second, searching half of 2<sup>128</sup>{" "}
          keys takes around 5 &times; 10<sup>18</sup>{" "}
          years. Below 128 bits keymint still makes the key, but warns.
        </li>
        <li>
          <strong>256 bits</strong>{" "}
          is the default: it leaves a wide margin against future attacks and
          against mistakes elsewhere, costs a few more characters, and is what
          most signing and encryption keys need anyway (HMAC-SHA256, AES-256).
        </li>
        <li>
          <strong>384 or 512 bits</strong>{" "}
          match HMAC-SHA384 and HMAC-SHA512 keys (the JWT HS384 and HS512
          presets), whose standard asks for a key at least as long as the hash.
        </li>
      </ul>
      <p>
        If a system wants an exact number of characters rather than a strength,
        enter it under "Exact length"; the generator then reports how many bits
        that length carries. Random keys of 128 bits or more do not collide in
        practice: a billion of them have less than one chance in 10<sup>20</sup>
        {" "}
        of containing a duplicate.
      </p>

      <h2>Storing keys</h2>
      <ul>
        <li>
          Keep secrets out of source code and out of the repository. Put them in
          your platform's secrets manager or in environment variables that the
          deployment injects; a local <code>.env</code> file belongs in{" "}
          <code>.gitignore</code>.
        </li>
        <li>
          For API keys that you issue to your own users, store only a hash. A
          key made here has at least 128 bits of entropy, so a plain SHA-256 is
          enough: salts and slow password hashes (bcrypt, Argon2) exist to
          protect short, guessable human passwords, and only slow down every
          request when the input is already random. Compare hashes in constant
          time.
        </li>
        <li>
          Show a new key to its owner once, then only a masked form such as{" "}
          <code>sk_live_AbCd...wXyZ</code>; never write a whole key into a log,
          an error message or a URL.
        </li>
        <li>
          Use one key per purpose and per environment, so that a leak of the
          staging key does not open production, and so that each key can be
          revoked alone.
        </li>
      </ul>

      <h2>Rotating keys</h2>
      <p>
        Plan rotation before you need it. Let the receiving side accept two keys
        for a while: add the new key, move every client over, then remove the
        old one. Rotate at once when a key may have leaked (pasted into a chat,
        committed, printed in a build log), when someone who knew it leaves, and
        on a regular schedule for long-lived service credentials. Keys made from
        a known prefix are easy to find again in logs and repositories when the
        time comes; GitHub and other code hosts scan pushes for well-known token
        prefixes.
      </p>

      <h2>Prefixes and checksums</h2>
      <p>
        A prefix names what a key is: <code>sk_live_</code>{" "}
        for a live secret key, <code>ghp_</code>{" "}
        for a GitHub personal access token. It tells a person which system a key
        belongs to, lets a secret scanner recognise it, and lets your own code
        reject a test key in production before any database lookup. keymint
        writes prefixed keys as <code>prefix_body</code>{" "}
        followed by a checksum: the CRC-32 of the body, written as six base62
        characters. With a 30-character alphanumeric body and the prefix{" "}
        <code>ghp</code>{" "}
        the result has exactly the shape of a GitHub classic token.
      </p>
      <p>
        The checksum adds no secrecy and takes none away (the body carries all
        the entropy). It catches typos and truncation offline, so a scanner or
        your API can tell a mangled or invented key from a real one without
        touching the database. Prefixes use lower-case letters, digits and
        underscores, start with a letter and have at most 32 characters; the
        body never contains an underscore, so a key always splits at its last
        one.
      </p>

      <h2>Two-part credentials</h2>
      <p>
        Many services hand out a pair: a public key id that is safe to log, show
        in dashboards and index in a database, and a secret that proves
        possession. The server finds the record by the id and compares the
        SHA-256 of the presented secret with the stored hash. A leaked log line
        then reveals nothing usable, and support staff can talk about a key by
        its id. <code>keymint pair --prefix ak --json</code>{" "}
        prints an object with <code>id</code>, <code>secret</code> and{" "}
        <code>hash</code>: give the first two to the client and store the first
        and the last.
      </p>

      <h2 id="presets">Presets for frameworks</h2>
      <p>
        A preset makes exactly what a framework expects, in the environment
        variable it reads. Each has its own page:
      </p>
      <ul class="preset-links">
        {presets.map((p) => (
          <li key={p.name}>
            <a href={`/presets/${p.name}`}>{p.title}</a>
          </li>
        ))}
      </ul>

      <h2 id="cli">From the command line</h2>
      <p>
        The <code>keymint</code>{" "}
        command uses the same library as this page and works offline. It prints
        keys on standard output and nothing else, so it composes with pipes and
        redirections:
      </p>
      <pre><code>{[
        "keymint                          # 64 hex characters, 256 bits",
        "keymint base58 --bits 128        # 22 characters",
        "keymint alnum --length 40 --count 5",
        "keymint --prefix sk_live         # sk_live_<body><checksum>",
        "keymint preset laravel --env     # APP_KEY=base64:...",
        "keymint pair --prefix ak --json  # id, secret and hash",
        'printf %s "$KEY" | keymint hash   # SHA-256 hex to store',
        'printf %s "$KEY" | keymint inspect',
      ].join("\n")}</code></pre>
      <p>
        Keys to hash, verify or inspect are read from standard input, never from
        arguments, which would end up in your shell history.
      </p>

      <h2 id="api">HTTP API</h2>
      <p>
        Scripts and CI jobs can ask this server for keys. Answers are plain
        text, one key per line, or JSON with{" "}
        <code>Accept: application/json</code>; they are never cached. Keys
        fetched this way do cross the network (over HTTPS), unlike keys made on
        this page.
      </p>
      <pre><code>{[
        `curl ${origin}/api/v1/keys`,
        `curl '${origin}/api/v1/keys?format=base64url&bits=128&count=5'`,
        `curl '${origin}/api/v1/keys?prefix=sk_live' -H 'Accept: application/json'`,
        `curl '${origin}/api/v1/keys?preset=django'`,
        `curl ${origin}/api/v1/presets`,
      ].join("\n")}</code></pre>
      <p>
        Parameters: <code>format</code>, <code>bits</code> (8 to 8192) or{" "}
        <code>length</code> (1 to 16384), <code>count</code> (1 to 1000),{" "}
        <code>alphabet</code> (with <code>format=custom</code>),{" "}
        <code>prefix</code>, <code>checksum</code> (<code>true</code> or{" "}
        <code>false</code>), or <code>preset</code> with at most a{" "}
        <code>count</code>. A bad or unknown parameter gets a 400 answer with a
        JSON body <code>{'{"error": "..."}'}</code>{" "}
        that says what is wrong. The server logs the method, path and status of
        each request, never the query or the keys.
      </p>

      <h2 id="faq">Questions</h2>
      <dl class="faq">
        <dt>Does the key leave my browser?</dt>
        <dd>
          No. The page loads its code once; after that, generating and copying
          keys sends no request at all. The keys are made by the same library as
          the command-line tool, using your browser's Web Crypto random number
          generator. The page's content security policy also forbids it from
          contacting any other site.
        </dd>
        <dt>Is a browser a safe place to make secrets?</dt>
        <dd>
          <code>crypto.getRandomValues</code>{" "}
          draws from the operating system's cryptographically secure generator,
          the same source that <code>openssl rand</code>{" "}
          and password managers use. The usual risks are elsewhere: a browser
          extension that reads pages, or a clipboard that syncs to other
          devices. If that worries you, use the command-line tool offline.
        </dd>
        <dt>Why not the language's own random function, or a timestamp?</dt>
        <dd>
          Neither is a secret. The random function built into JavaScript (and
          most languages) is a fast generator meant for simulations: its
          internal state can be worked out from a handful of outputs, and then
          every later value is known. A timestamp narrows the search to a few
          million values. keymint uses neither, only the operating system's
          cryptographic generator.
        </dd>
        <dt>Can I use a UUID as an API key?</dt>
        <dd>
          A version 4 UUID carries 122 random bits, below the 128-bit floor, and
          its standard warns against using UUIDs as security capabilities; other
          versions carry far less and partly encode time. Use a UUID as an
          identifier and a key from this page as the secret.
        </dd>
        <dt>What is the difference between a password and an API key?</dt>
        <dd>
          A person chooses and remembers a password, so it is short and
          guessable and must be stored with a slow, salted hash. A machine
          stores an API key, so it can be long and fully random, and a fast hash
          is enough.
        </dd>
        <dt>Which key do I need for a JWT signed with HS256?</dt>
        <dd>
          At least 256 bits (32 bytes), the size of the hash; HS384 and HS512
          want 384 and 512 bits. The JWT presets make exactly those sizes in
          base64url.
        </dd>
        <dt>
          Why does a base58 key at 256 bits have 44 characters, but report 257
          bits?
        </dt>
        <dd>
          Sampled alphabets carry a fractional number of bits per character
          (base58: about 5.86). keymint uses the fewest characters that reach
          the requested strength and reports what the key actually carries,
          rounded down.
        </dd>
        <dt>Can I get the same key twice?</dt>
        <dd>
          Not in practice. Each key is drawn afresh; nothing is stored, seeded
          or derived from the options, so sharing the page URL shares your
          settings, never your keys.
        </dd>
        <dt>Does it work without JavaScript?</dt>
        <dd>
          The page needs JavaScript to make keys in your browser. Without it,
          use the command-line tool or the HTTP API above.
        </dd>
      </dl>
    </article>
  );
}
