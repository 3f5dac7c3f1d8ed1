import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/packs/canonical-json';
import {
  base64UrlDecode,
  base64UrlEncode,
  ed25519BackendName,
  generateSigningKey,
  packContentHash,
  PackSignatureSchema,
  setEd25519BackendForTests,
  signPack,
  verifyPackSignature,
  type PackSignature,
} from '../../src/packs/pack-signature';
import { demoPackRaw } from './support/test-database';

const errorOf = (result: Awaited<ReturnType<typeof verifyPackSignature>>): string => {
  if (result.ok) throw new Error('expected verification to fail');
  return result.error;
};

let key: Awaited<ReturnType<typeof generateSigningKey>>;
let otherKey: Awaited<ReturnType<typeof generateSigningKey>>;

beforeAll(async () => {
  key = await generateSigningKey();
  otherKey = await generateSigningKey();
});

afterEach(() => setEd25519BackendForTests(null));

describe('packContentHash', () => {
  it('is sha256 of the UTF-8 canonical JSON', async () => {
    const pack = demoPackRaw();
    const hash = await packContentHash(pack);
    expect(hash).toMatch(/^sha256:[0-9a-f]{64}$/);
    const { createHash } = await import('node:crypto');
    expect(hash).toBe(`sha256:${createHash('sha256').update(canonicalJson(pack), 'utf8').digest('hex')}`);
  });

  it('matches a value computed outside JavaScript', async () => {
    // printf '%s' '{"a":"€","b":[1,2]}' | sha256sum
    expect(await packContentHash({ b: [1, 2], a: '€' })).toBe(
      'sha256:03a98b7751ae12aa0bd0a11830e166e9f032919fe59f3b2d11061121eacd8117',
    );
  });
});

describe('pack signatures', () => {
  it('uses WebCrypto Ed25519 in Node 20', async () => {
    expect(await ed25519BackendName()).toBe('webcrypto');
  });

  it('generates a JWK private key and a 32-byte base64url public key', () => {
    expect(key.privateKeyJwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', x: key.publicKey });
    expect(base64UrlDecode(key.privateKeyJwk.d!)).toHaveLength(32);
    expect(base64UrlDecode(key.publicKey)).toHaveLength(32);
    expect(key.publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('signs and verifies the demo pack', async () => {
    const pack = demoPackRaw();
    const signature = await signPack(pack, key.privateKeyJwk);
    expect(PackSignatureSchema.parse(signature)).toEqual(signature);
    expect(signature).toMatchObject({
      format: 'crosscheck-pack-signature',
      formatVersion: 1,
      algorithm: 'Ed25519',
      publicKey: key.publicKey,
      contentHash: await packContentHash(pack),
    });
    expect(base64UrlDecode(signature.signature)).toHaveLength(64);
    expect(await verifyPackSignature(pack, signature)).toEqual({ ok: true, publicKey: key.publicKey });
    expect(await verifyPackSignature(pack, signature, { pinnedPublicKey: key.publicKey })).toEqual({
      ok: true,
      publicKey: key.publicKey,
    });
  });

  it('survives re-indenting and reordering the JSON text, and a JSON round trip of the signature', async () => {
    const pack = demoPackRaw();
    const signature = await signPack(pack, key.privateKeyJwk);
    const reordered = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(reordered)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reordered(v)]))
          : value;
    const text = JSON.stringify(reordered(pack), null, '\t').replace(/\n/g, '\r\n');
    expect(text).not.toBe(JSON.stringify(pack));
    const reparsedSignature = JSON.parse(JSON.stringify(signature, null, 2)) as unknown;
    expect((await verifyPackSignature(JSON.parse(text), reparsedSignature)).ok).toBe(true);
  });

  it('says the pack was changed when a claim changes', async () => {
    const pack = demoPackRaw();
    const signature = await signPack(pack, key.privateKeyJwk);
    pack.claims[0]!.summary += ' Edited.';
    const error = errorOf(await verifyPackSignature(pack, signature));
    expect(error).toContain('the pack was changed after it was signed');
    expect(error).toContain(signature.contentHash);
  });

  it('says when the pack is signed by another key than the pinned one', async () => {
    const pack = demoPackRaw();
    const signature = await signPack(pack, otherKey.privateKeyJwk);
    expect((await verifyPackSignature(pack, signature)).ok).toBe(true);
    const error = errorOf(await verifyPackSignature(pack, signature, { pinnedPublicKey: key.publicKey }));
    expect(error).toContain('signed by a different key than the one pinned when you subscribed');
    expect(error).toContain(otherKey.publicKey);
  });

  it('refuses a tampered signature', async () => {
    const pack = demoPackRaw();
    const signature = await signPack(pack, key.privateKeyJwk);
    const bytes = base64UrlDecode(signature.signature)!;
    bytes[10]! ^= 0x01;
    const error = errorOf(await verifyPackSignature(pack, { ...signature, signature: base64UrlEncode(bytes) }));
    expect(error).toMatch(/^The signature is not valid/);
  });

  it('refuses a signature whose public key was swapped (the hash still matches)', async () => {
    const pack = demoPackRaw();
    const signature = await signPack(pack, key.privateKeyJwk);
    const error = errorOf(await verifyPackSignature(pack, { ...signature, publicKey: otherKey.publicKey }));
    expect(error).toMatch(/^The signature is not valid/);
  });

  it('refuses a public key that is not a curve point', async () => {
    const pack = demoPackRaw();
    const signature = await signPack(pack, key.privateKeyJwk);
    // y = 2 has no x on edwards25519.
    const notAPoint = new Uint8Array(32);
    notAPoint[0] = 2;
    for (const backend of ['webcrypto', 'noble'] as const) {
      setEd25519BackendForTests(backend);
      const result = await verifyPackSignature(pack, { ...signature, publicKey: base64UrlEncode(notAPoint) });
      expect(errorOf(result), backend).toMatch(/^The signature is not valid/);
    }
  });

  it.each<[string, (signature: PackSignature) => unknown, string]>([
    ['not an object', () => 'signature', 'not a Crosscheck pack signature'],
    ['another format', (s) => ({ ...s, format: 'jws' }), 'not a Crosscheck pack signature'],
    ['a later formatVersion', (s) => ({ ...s, formatVersion: 2 }), 'formatVersion'],
    ['another algorithm', (s) => ({ ...s, algorithm: 'RS256' }), 'algorithm'],
    ['a missing publicKey', ({ publicKey: _, ...s }) => s, 'publicKey'],
    ['a short publicKey', (s) => ({ ...s, publicKey: s.publicKey.slice(0, 40) }), 'publicKey'],
    ['a padded publicKey', (s) => ({ ...s, publicKey: `${s.publicKey}=` }), 'publicKey'],
    ['a base64 (not base64url) publicKey', (s) => ({ ...s, publicKey: `+/${s.publicKey.slice(2)}` }), 'publicKey'],
    ['a non-canonical publicKey spelling', (s) => ({ ...s, publicKey: s.publicKey.slice(0, 42) + nonCanonical(s.publicKey.at(-1)!) }), 'publicKey'],
    ['a contentHash without algorithm', (s) => ({ ...s, contentHash: s.contentHash.slice(7) }), 'contentHash'],
    ['an uppercase contentHash', (s) => ({ ...s, contentHash: s.contentHash.toUpperCase().replace('SHA256', 'sha256') }), 'contentHash'],
    ['a truncated signature', (s) => ({ ...s, signature: s.signature.slice(0, 80) }), 'signature'],
    ['a numeric signature', (s) => ({ ...s, signature: 42 }), 'signature'],
  ])('names the field of a malformed signature document: %s', async (_, mutate, field) => {
    const pack = demoPackRaw();
    const signature = await signPack(pack, key.privateKeyJwk);
    const error = errorOf(await verifyPackSignature(pack, mutate(signature)));
    expect(error).toContain(field);
  });

  it('says when the pack cannot be canonicalized', async () => {
    const signature = await signPack({ a: 1 }, key.privateKeyJwk);
    expect(errorOf(await verifyPackSignature({ a: NaN }, signature))).toContain('not plain JSON');
  });

  it('refuses to sign with a key that is not an Ed25519 private key', async () => {
    const pack = demoPackRaw();
    await expect(signPack(pack, { kty: 'EC', crv: 'P-256' })).rejects.toThrow('not an Ed25519 key');
    await expect(signPack(pack, { kty: 'OKP', crv: 'Ed25519', x: key.publicKey })).rejects.toThrow('no private part');
    await expect(signPack(pack, { ...key.privateKeyJwk, x: otherKey.publicKey })).rejects.toThrow('inconsistent');
    setEd25519BackendForTests('noble');
    await expect(signPack(pack, { ...key.privateKeyJwk, x: otherKey.publicKey })).rejects.toThrow('inconsistent');
  });

  it('signs and verifies with the @noble/ed25519 fallback, interchangeably with WebCrypto', async () => {
    const pack = demoPackRaw();
    setEd25519BackendForTests('noble');
    expect(await ed25519BackendName()).toBe('noble');
    const nobleKey = await generateSigningKey();
    const byNoble = await signPack(pack, nobleKey.privateKeyJwk);
    const byNobleWithWebCryptoKey = await signPack(pack, key.privateKeyJwk);
    expect((await verifyPackSignature(pack, byNoble)).ok).toBe(true);
    setEd25519BackendForTests('webcrypto');
    const byWebCrypto = await signPack(pack, key.privateKeyJwk);
    // Ed25519 is deterministic: both backends make the very same signature.
    expect(byWebCrypto).toEqual(byNobleWithWebCryptoKey);
    expect(await verifyPackSignature(pack, byNoble)).toEqual({ ok: true, publicKey: nobleKey.publicKey });
    expect((await signPack(pack, nobleKey.privateKeyJwk)).signature).toBe(byNoble.signature);
    setEd25519BackendForTests('noble');
    pack.claims[1]!.statement = 'Changed.';
    const changed = await signPack(pack, key.privateKeyJwk);
    expect(errorOf(await verifyPackSignature(pack, { ...changed, signature: byWebCrypto.signature }))).toMatch(
      /^The signature is not valid/,
    );
  });
});

/** Another spelling of the last base64url character of a 32-byte value (same 4 data bits, other padding bits). */
function nonCanonical(last: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  return alphabet[alphabet.indexOf(last) ^ 1]!;
}
