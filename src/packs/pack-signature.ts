import * as noble from '@noble/ed25519';
import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import { describeIssues } from './parse-pack';

/**
 * Detached Ed25519 signatures for packs.
 *
 * A desk publishes `pack.json` and, next to it, `pack.json.sig`: a small JSON document holding
 * the public key, the SHA-256 of the pack's canonical JSON (RFC 8785, see canonical-json.ts) and
 * an Ed25519 signature over that same canonical JSON's UTF-8 bytes. Because the canonical form is
 * signed, re-indenting the file or reordering its keys does not break the signature; changing
 * any value does. What is signed is the pack document as published (the parsed JSON), not the
 * pack after Zod has filled in defaults or dropped unknown fields.
 *
 * Crypto: WebCrypto Ed25519 (Node 20, Chromium 137+, Firefox 129+). The extension's manifest
 * still admits Firefox 128 (the 128 ESR line), whose `crypto.subtle` has no Ed25519, and Chromium
 * before 137 has it only behind a flag, so when importing an Ed25519 key fails we fall back to
 * `@noble/ed25519` (audited, dependency-free, about 5 kB; it takes SHA-512 from crypto.subtle).
 * Both backends verify by RFC 8032's rules, so a signature means the same on every browser.
 */

export const PACK_SIGNATURE_FORMAT = 'crosscheck-pack-signature';

const BASE64URL = /^[A-Za-z0-9_-]*$/;

export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes unpadded base64url; null when the text is not base64url. */
export function base64UrlDecode(text: string): Uint8Array | null {
  if (!BASE64URL.test(text) || text.length % 4 === 1) return null;
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/**
 * base64url (no padding) of exactly `length` bytes, in its one canonical spelling (unused low bits
 * zero), so that two spellings of one key can never compare unequal.
 */
const base64UrlBytes = (length: number, what: string) =>
  z.string().refine((text) => {
    const bytes = base64UrlDecode(text);
    return bytes !== null && bytes.length === length && base64UrlEncode(bytes) === text;
  }, `${what}: base64url without padding of exactly ${length} bytes (${Math.ceil((length * 4) / 3)} characters)`);

export const PackSignatureSchema = z.object({
  format: z.literal(PACK_SIGNATURE_FORMAT),
  formatVersion: z.literal(1),
  algorithm: z.literal('Ed25519'),
  publicKey: base64UrlBytes(32, 'the raw 32-byte Ed25519 public key'),
  contentHash: z.string().regex(/^sha256:[0-9a-f]{64}$/, '"sha256:" and 64 lowercase hex digits'),
  signature: base64UrlBytes(64, 'the 64-byte Ed25519 signature'),
});
export type PackSignature = z.infer<typeof PackSignatureSchema>;

export type VerifyResult = { ok: true; publicKey: string } | { ok: false; error: string };

const encoder = new TextEncoder();

/** The bytes that are hashed and signed: the UTF-8 of the pack's RFC 8785 canonical JSON. */
function signedBytes(pack: unknown): Uint8Array<ArrayBuffer> {
  return encoder.encode(canonicalJson(pack));
}

async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** `sha256:<hex>` of the pack document's canonical JSON (the parsed JSON as published). */
export async function packContentHash(pack: unknown): Promise<string> {
  return `sha256:${await sha256Hex(signedBytes(pack))}`;
}

// ---- Ed25519 backends ----------------------------------------------------------------------

interface Ed25519Backend {
  readonly name: 'webcrypto' | 'noble';
  /** A new key pair: the 32-byte private seed and the 32-byte public key. */
  generate(): Promise<{ seed: Uint8Array<ArrayBuffer>; publicKey: Uint8Array<ArrayBuffer> }>;
  sign(seed: Uint8Array<ArrayBuffer>, publicKey: Uint8Array<ArrayBuffer>, message: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>>;
  verify(publicKey: Uint8Array<ArrayBuffer>, message: Uint8Array<ArrayBuffer>, signature: Uint8Array<ArrayBuffer>): Promise<boolean>;
}

const ED25519 = { name: 'Ed25519' } as const;
const INCONSISTENT_KEY = 'The signing key is inconsistent: its public part "x" does not belong to its private part "d"';

const webCryptoBackend: Ed25519Backend = {
  name: 'webcrypto',
  async generate() {
    const pair = (await crypto.subtle.generateKey(ED25519, true, ['sign', 'verify'])) as CryptoKeyPair;
    const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
    const seed = base64UrlDecode(jwk.d ?? '');
    if (!seed || seed.length !== 32) throw new Error('WebCrypto exported an Ed25519 private key without a 32-byte "d"');
    const publicKey = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
    return { seed: new Uint8Array(seed), publicKey };
  },
  async sign(seed, publicKey, message) {
    const jwk: JsonWebKey = { kty: 'OKP', crv: 'Ed25519', d: base64UrlEncode(seed), x: base64UrlEncode(publicKey) };
    let key: CryptoKey;
    try {
      key = await crypto.subtle.importKey('jwk', jwk, ED25519, false, ['sign']);
    } catch (error) {
      // Node checks that "x" belongs to "d" on import; browsers may not (signPack checks after).
      throw new Error(`${INCONSISTENT_KEY} (WebCrypto refused it: ${(error as Error).message}).`);
    }
    return new Uint8Array(await crypto.subtle.sign(ED25519, key, message));
  },
  async verify(publicKey, message, signature) {
    const key = await crypto.subtle.importKey('raw', publicKey, ED25519, false, ['verify']);
    return crypto.subtle.verify(ED25519, key, signature, message);
  },
};

const nobleBackend: Ed25519Backend = {
  name: 'noble',
  async generate() {
    const { secretKey, publicKey } = await noble.keygenAsync();
    return { seed: new Uint8Array(secretKey), publicKey: new Uint8Array(publicKey) };
  },
  async sign(seed, _publicKey, message) {
    return new Uint8Array(await noble.signAsync(message, seed));
  },
  async verify(publicKey, message, signature) {
    try {
      // zip215: false = RFC 8032's rules, the ones WebCrypto implementations follow.
      return await noble.verifyAsync(signature, message, publicKey, { zip215: false });
    } catch {
      return false; // a public key that is not a curve point
    }
  },
};

/** RFC 8032 §7.1 test 1's public key: importing it tells whether crypto.subtle knows Ed25519. */
const PROBE_PUBLIC_KEY = '11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo';

let backendPromise: Promise<Ed25519Backend> | null = null;

function ed25519Backend(): Promise<Ed25519Backend> {
  backendPromise ??= crypto.subtle
    .importKey('raw', base64UrlDecode(PROBE_PUBLIC_KEY)! as Uint8Array<ArrayBuffer>, ED25519, false, ['verify'])
    .then(
      () => webCryptoBackend,
      () => nobleBackend,
    );
  return backendPromise;
}

/**
 * For tests only: force one backend ('webcrypto' or 'noble'), or null to detect again. Lets the
 * fallback be tested in Node, whose WebCrypto has Ed25519.
 */
export function setEd25519BackendForTests(name: 'webcrypto' | 'noble' | null): void {
  backendPromise = name === null ? null : Promise.resolve(name === 'noble' ? nobleBackend : webCryptoBackend);
}

/** Which backend signs and verifies here: 'webcrypto', or 'noble' where crypto.subtle lacks Ed25519. */
export async function ed25519BackendName(): Promise<'webcrypto' | 'noble'> {
  return (await ed25519Backend()).name;
}

// ---- Keys, signing, verification -----------------------------------------------------------

/**
 * A new signing key: the private key as a JWK (`kty: "OKP"`, `crv: "Ed25519"`, `d`, `x`), to be
 * kept secret, and the public key as base64url of its 32 raw bytes, to be published.
 */
export async function generateSigningKey(): Promise<{ privateKeyJwk: JsonWebKey; publicKey: string }> {
  const { seed, publicKey } = await (await ed25519Backend()).generate();
  const x = base64UrlEncode(publicKey);
  return { privateKeyJwk: { kty: 'OKP', crv: 'Ed25519', d: base64UrlEncode(seed), x, ext: true, key_ops: ['sign'] }, publicKey: x };
}

function readPrivateJwk(jwk: JsonWebKey): { seed: Uint8Array<ArrayBuffer>; publicKey: Uint8Array<ArrayBuffer> } {
  if (typeof jwk !== 'object' || jwk === null || jwk.kty !== 'OKP' || jwk.crv !== 'Ed25519')
    throw new Error('The signing key is not an Ed25519 key: a JWK with "kty": "OKP" and "crv": "Ed25519" is needed.');
  const seed = base64UrlDecode(jwk.d ?? '');
  if (!seed || seed.length !== 32)
    throw new Error('The signing key has no private part: its "d" must be base64url of 32 bytes.');
  const publicKey = base64UrlDecode(jwk.x ?? '');
  if (!publicKey || publicKey.length !== 32)
    throw new Error('The signing key has no public part: its "x" must be base64url of 32 bytes.');
  return { seed: new Uint8Array(seed), publicKey: new Uint8Array(publicKey) };
}

/**
 * Signs the pack document (the parsed JSON as it will be published) with an Ed25519 private key
 * in JWK form. Throws when the key is not a usable Ed25519 private key, when its "x" is not the
 * public key of its "d", or when the pack holds something JSON cannot (see canonicalJson).
 */
export async function signPack(pack: unknown, privateKeyJwk: JsonWebKey): Promise<PackSignature> {
  const { seed, publicKey } = readPrivateJwk(privateKeyJwk);
  const message = signedBytes(pack);
  const backend = await ed25519Backend();
  const signature = await backend.sign(seed, publicKey, message);
  // A JWK whose "x" does not belong to its "d" would yield signatures nobody can verify.
  if (!(await backend.verify(publicKey, message, signature)))
    throw new Error(`${INCONSISTENT_KEY}.`);
  return {
    format: PACK_SIGNATURE_FORMAT,
    formatVersion: 1,
    algorithm: 'Ed25519',
    publicKey: base64UrlEncode(publicKey),
    contentHash: `sha256:${await sha256Hex(message)}`,
    signature: base64UrlEncode(signature),
  };
}

/**
 * Checks a detached signature document against the pack document (both as parsed JSON). In order:
 * the signature document is well formed; the pack's content hash is the signed one; the Ed25519
 * signature holds for the pack and the document's public key; and, given `pinnedPublicKey` (the
 * key remembered when the user subscribed), that the key is that one.
 */
export async function verifyPackSignature(
  pack: unknown,
  signature: unknown,
  /** `expectedKeyFrom`: where the expected key came from, for the message (default: a subscription) */
  options: { pinnedPublicKey?: string; expectedKeyFrom?: 'subscription' | 'caller' } = {},
): Promise<VerifyResult> {
  if (typeof signature !== 'object' || signature === null || (signature as { format?: unknown }).format !== PACK_SIGNATURE_FORMAT)
    return { ok: false, error: `This is not a Crosscheck pack signature: it has no "format": "${PACK_SIGNATURE_FORMAT}".` };
  const parsed = PackSignatureSchema.safeParse(signature);
  if (!parsed.success)
    return { ok: false, error: `The signature file is malformed:\n${describeIssues(parsed.error)}` };
  const document = parsed.data;

  let message: Uint8Array<ArrayBuffer>;
  try {
    message = signedBytes(pack);
  } catch (error) {
    return { ok: false, error: `The pack cannot be checked: it is not plain JSON (${(error as Error).message}).` };
  }
  const contentHash = `sha256:${await sha256Hex(message)}`;
  if (contentHash !== document.contentHash)
    return {
      ok: false,
      error:
        `The pack does not match its signature: the pack was changed after it was signed ` +
        `(its content hash is ${contentHash}; the signature is for ${document.contentHash}).`,
    };

  const valid = await (await ed25519Backend()).verify(
    new Uint8Array(base64UrlDecode(document.publicKey)!),
    message,
    new Uint8Array(base64UrlDecode(document.signature)!),
  );
  if (!valid)
    return {
      ok: false,
      error:
        'The signature is not valid: it was not made over this pack with the public key it names, ' +
        'so the signature file was altered or belongs to another key.',
    };

  if (options.pinnedPublicKey !== undefined && options.pinnedPublicKey !== document.publicKey)
    return {
      ok: false,
      error:
        (options.expectedKeyFrom === 'caller'
          ? `The pack is signed by a different key than the one given (expected ${options.pinnedPublicKey}, ` +
            `signed by ${document.publicKey}).`
          : `The pack is signed by a different key than the one pinned when you subscribed ` +
            `(pinned ${options.pinnedPublicKey}, signed by ${document.publicKey}). ` +
            'The publisher may have changed keys, or someone else signed this pack.'),
    };
  return { ok: true, publicKey: document.publicKey };
}
