import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../../../src/cli/cli-io';
import { keygen } from '../../../src/cli/keygen';
import { sign } from '../../../src/cli/sign';
import { verify } from '../../../src/cli/verify';
import { PackSignatureSchema } from '../../../src/packs/pack-signature';
import { demoPackRaw } from '../support/test-database';
import { captureIo, tempDir, writeIn } from './cli-harness';

/** A temp folder with the demo pack and a new key; returns paths and the public key. */
async function setUp() {
  const dir = await tempDir();
  const pack = await writeIn(dir, 'pack.json', demoPackRaw());
  const key = join(dir, 'key.jwk');
  const cap = captureIo();
  expect(await keygen(['--out', key], cap.io)).toBe(EXIT_OK);
  const publicKey = /^public key: (\S+)$/m.exec(cap.stdout())?.[1];
  if (!publicKey) throw new Error(`no public key in ${cap.stdout()}`);
  return { dir, pack, key, publicKey };
}

describe('crosscheck-pack keygen', () => {
  it('writes a private JWK readable by its owner only and prints the public key', async () => {
    const { key, publicKey } = await setUp();
    expect((await stat(key)).mode & 0o777).toBe(0o600);
    const jwk = JSON.parse(await readFile(key, 'utf8')) as JsonWebKey;
    expect(jwk).toMatchObject({ kty: 'OKP', crv: 'Ed25519', x: publicKey });
    expect(jwk.d).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('does not overwrite a key without --force', async () => {
    const { key } = await setUp();
    const before = await readFile(key, 'utf8');
    const cap = captureIo();
    expect(await keygen(['--out', key], cap.io)).toBe(EXIT_INVALID);
    expect(cap.stderr()).toBe(`${key}: the file already exists; a key is not overwritten without --force`);
    expect(await readFile(key, 'utf8')).toBe(before);
    await import('node:fs/promises').then((fs) => fs.chmod(key, 0o644));
    expect(await keygen(['--out', key, '--force'], captureIo().io)).toBe(EXIT_OK);
    expect(await readFile(key, 'utf8')).not.toBe(before);
    expect((await stat(key)).mode & 0o777).toBe(0o600);
  });

  it('exits 2 without --out', async () => {
    const cap = captureIo();
    expect(await keygen([], cap.io)).toBe(EXIT_USAGE);
    expect(cap.stderr()).toContain('keygen needs --out');
  });
});

describe('crosscheck-pack sign and verify', () => {
  it('signs next to the pack and verifies, with and without the expected key', async () => {
    const { pack, key, publicKey } = await setUp();
    const signed = captureIo();
    expect(await sign([pack, '--key', key], signed.io)).toBe(EXIT_OK);
    const signature = PackSignatureSchema.parse(JSON.parse(await readFile(`${pack}.sig`, 'utf8')));
    expect(signature.publicKey).toBe(publicKey);
    expect(signed.stdout()).toBe(`wrote ${pack}.sig: ${signature.contentHash}, signed by ${publicKey}`);

    const plain = captureIo();
    expect(await verify([pack], plain.io)).toBe(EXIT_OK);
    expect(plain.stdout()).toContain(`ok: ${pack} is signed by ${publicKey}`);
    const pinned = captureIo();
    expect(await verify([pack, '--key', publicKey], pinned.io)).toBe(EXIT_OK);
    expect(pinned.stdout()).toBe(`ok: ${pack} is signed by ${publicKey}`);
  });

  it('still verifies after the pack file is re-indented', async () => {
    const { pack, key } = await setUp();
    expect(await sign([pack, '--key', key], captureIo().io)).toBe(EXIT_OK);
    await writeFile(pack, JSON.stringify(JSON.parse(await readFile(pack, 'utf8')), null, 1));
    expect(await verify([pack], captureIo().io)).toBe(EXIT_OK);
  });

  it('fails when the pack changed, naming the files', async () => {
    const { dir, pack, key } = await setUp();
    const sig = join(dir, 'elsewhere.sig');
    expect(await sign([pack, '--key', key, '--out', sig], captureIo().io)).toBe(EXIT_OK);
    const raw = demoPackRaw();
    raw.claims[0]!.statement = 'Something else entirely.';
    await writeFile(pack, JSON.stringify(raw));
    const cap = captureIo();
    expect(await verify([pack, '--sig', sig], cap.io)).toBe(EXIT_INVALID);
    expect(cap.stderr()).toContain(`${pack} (signature ${sig}): The pack does not match its signature: the pack was changed after it was signed`);
  });

  it('fails when another key signed it than the one given', async () => {
    const first = await setUp();
    const second = await setUp();
    const signing = captureIo();
    expect(await sign([first.pack, '--key', second.key], signing.io), signing.stderr()).toBe(EXIT_OK);
    const cap = captureIo();
    expect(await verify([first.pack, '--key', first.publicKey], cap.io), `${cap.stdout()}\n${cap.stderr()}`).toBe(EXIT_INVALID);
    expect(cap.stderr()).toContain('signed by a different key than the one given');
  });

  it('names a missing or malformed signature file', async () => {
    const { dir, pack } = await setUp();
    const missing = captureIo();
    expect(await verify([pack], missing.io)).toBe(EXIT_INVALID);
    expect(missing.stderr()).toBe(`${pack}.sig: no such file`);
    const bad = await writeIn(dir, 'bad.sig', { format: 'crosscheck-pack-signature', formatVersion: 1, algorithm: 'Ed25519' });
    const malformed = captureIo();
    expect(await verify([pack, '--sig', bad], malformed.io)).toBe(EXIT_INVALID);
    expect(malformed.stderr()).toContain('The signature file is malformed');
    expect(malformed.stderr()).toContain('publicKey');
  });

  it('refuses to sign an invalid pack or with a bad key', async () => {
    const { dir, pack, key } = await setUp();
    const raw = demoPackRaw();
    raw.claims[0]!.verdict = 'nope';
    const invalid = await writeIn(dir, 'invalid.json', raw);
    const cap = captureIo();
    expect(await sign([invalid, '--key', key], cap.io)).toBe(EXIT_INVALID);
    expect(cap.stderr()).toContain(`${invalid}: The pack does not follow the format`);

    const notKey = await writeIn(dir, 'not-a-key.jwk', { kty: 'RSA', n: 'x', e: 'AQAB' });
    const cap2 = captureIo();
    expect(await sign([pack, '--key', notKey], cap2.io)).toBe(EXIT_INVALID);
    expect(cap2.stderr()).toBe(`${notKey}: The signing key is not an Ed25519 key: a JWK with "kty": "OKP" and "crv": "Ed25519" is needed.`);

    const publicOnly = await writeIn(dir, 'public.jwk', { kty: 'OKP', crv: 'Ed25519', x: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' });
    const cap3 = captureIo();
    expect(await sign([pack, '--key', publicOnly], cap3.io)).toBe(EXIT_INVALID);
    expect(cap3.stderr()).toContain('no private part');

    // Valid for Zod, but JSON text that no canonical form (and so no signature) can cover.
    const lone = await writeIn(dir, 'lone.json', JSON.stringify(demoPackRaw()).replace('"Crosscheck demo desk"', '"Desk \\ud800"'));
    const cap4 = captureIo();
    expect(await sign([lone, '--key', key], cap4.io)).toBe(EXIT_INVALID);
    expect(cap4.stderr()).toBe(`${lone}: $.publisher: the string holds a lone UTF-16 surrogate, which JSON text cannot carry`);
  });

  it.each([
    [['pack.json'], 'sign', 'sign needs --key'],
    [[], 'sign', 'sign takes one pack file'],
    [[], 'verify', 'verify takes one pack file'],
    [['pack.json', '--key', 'short'], 'verify', '--key must be a public key'],
  ] as const)('exits 2 for %j (%s)', async (args, command, message) => {
    const cap = captureIo();
    expect(await (command === 'sign' ? sign : verify)([...args], cap.io)).toBe(EXIT_USAGE);
    expect(cap.stderr()).toContain(message);
  });
});
