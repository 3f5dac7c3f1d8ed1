import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey, signPack } from '../../../src/packs/pack-signature';
import { document, PACK_ID, packDocument, serviceFor, snapshot, startPackServer, status, type PackServer } from './support';

/** A pack signed when the user subscribes pins its key; later versions must carry that key's signature. */
let server: PackServer;
let key: Awaited<ReturnType<typeof generateSigningKey>>;
let otherKey: Awaited<ReturnType<typeof generateSigningKey>>;

beforeAll(async () => {
  server = await startPackServer();
  key = await generateSigningKey();
  otherKey = await generateSigningKey();
});
afterAll(() => server.close());

let counter = 0;
/** Serves a pack and, unless `signature` is null, its signature at `<path>.sig`. */
async function publish(path: string, pack: Record<string, unknown>, signature: object | null | 'self' = 'self') {
  // Re-indented on purpose: the canonical JSON is what is signed.
  server.serve(path, document(JSON.stringify(pack, null, 1)));
  if (signature === null) server.unserve(`${path}.sig`);
  else server.serve(`${path}.sig`, document(signature === 'self' ? await signPack(pack, key.privateKeyJwk) : signature));
}

async function subscribedSigned() {
  const ctx = serviceFor();
  const path = `/signed-${++counter}.json`;
  await publish(path, packDocument(1));
  const reply = await ctx.service.subscribe(server.url(path));
  expect(reply).toMatchObject({ ok: true, status: 'installed', version: 1 });
  return { ...ctx, path, url: server.url(path) };
}

const PINNED = /^This pack was signed when you subscribed; /;

describe('signed packs', () => {
  it('a validly signed pack pins its key on subscribe, and later versions signed by it install', async () => {
    const { db, service, path, url } = await subscribedSigned();
    expect((await db.subscriptions.get(url))?.pinnedKey).toBe(key.publicKey);
    expect(server.requestsTo(`${path}.sig`)).toHaveLength(1);

    await publish(path, packDocument(2, { revised: [0] }));
    expect(await service.sync(url)).toMatchObject({ ok: true, status: 'installed', version: 2 });
    expect((await db.subscriptions.get(url))?.pinnedKey).toBe(key.publicKey);
  });

  it('refuses a later version signed by another key', async () => {
    const { db, service, path, url } = await subscribedSigned();
    const before = await snapshot(db);
    const v2 = packDocument(2, { revised: [0] });
    await publish(path, v2, await signPack(v2, otherKey.privateKeyJwk));
    const reply = await service.sync(url);
    expect(!reply.ok && reply.error).toMatch(PINNED);
    expect(!reply.ok && reply.error).toContain(
      `signed by a different key (${otherKey.publicKey.slice(0, 8)}…, not ${key.publicKey.slice(0, 8)}…)`,
    );
    expect(await snapshot(db)).toBe(before);
    expect((await db.subscriptions.get(url))?.lastError).toBe(!reply.ok && reply.error);
  });

  it('refuses a later version without a signature', async () => {
    const { db, service, path, url } = await subscribedSigned();
    const before = await snapshot(db);
    await publish(path, packDocument(2, { revised: [0] }), null);
    const reply = await service.sync(url);
    expect(!reply.ok && reply.error).toMatch(PINNED);
    expect(!reply.ok && reply.error).toContain(`the server now offers it without a signature (${url}.sig is missing)`);
    expect(await snapshot(db)).toBe(before);
  });

  it('refuses a tampered pack (the signature is of another content)', async () => {
    const { db, service, path, url } = await subscribedSigned();
    const before = await snapshot(db);
    const v2 = packDocument(2, { revised: [0] });
    const signature = await signPack(v2, key.privateKeyJwk);
    await publish(path, { ...v2, claims: [{ ...(v2.claims as object[])[0], verdict: 'true' }, ...(v2.claims as object[]).slice(1)] }, signature);
    const reply = await service.sync(url);
    expect(!reply.ok && reply.error).toMatch(PINNED);
    expect(!reply.ok && reply.error).toContain('does not match its signature');
    expect(await snapshot(db)).toBe(before);
  });

  it('refuses a signature file that is not one, or could not be downloaded', async () => {
    const { db, service, path, url } = await subscribedSigned();
    const before = await snapshot(db);
    server.serve(path, document(packDocument(2, { revised: [0] })));
    server.serve(`${path}.sig`, document('<html>Welcome</html>', { contentType: 'text/html' }));
    let reply = await service.sync(url);
    expect(!reply.ok && reply.error).toMatch(PINNED);
    expect(!reply.ok && reply.error).toContain('not a Crosscheck pack signature');
    server.serve(`${path}.sig`, status(503));
    reply = await service.sync(url);
    expect(!reply.ok && reply.error).toBe(`Could not download the pack's signature (${url}.sig): server error (503).`);
    expect(await snapshot(db)).toBe(before);
  });

  it('refuses ClaimReview data in place of a pinned pack', async () => {
    const { db, service, path, url } = await subscribedSigned();
    const before = await snapshot(db);
    server.serve(path, document(claimReview('Hospitals were closed all of last winter in the region'), { contentType: 'application/ld+json' }));
    const reply = await service.sync(url);
    expect(!reply.ok && reply.error).toMatch(/^This pack was signed when you subscribed; the server now offers schema\.org ClaimReview data/);
    expect(await snapshot(db)).toBe(before);
  });

  it('an unsigned pack is not pinned, and its syncs do not ask for a signature', async () => {
    const { db, service } = serviceFor();
    await publish('/unsigned.json', packDocument(1), null);
    expect(await service.subscribe(server.url('/unsigned.json'))).toMatchObject({ ok: true });
    expect((await db.subscriptions.get(server.url('/unsigned.json')))?.pinnedKey).toBeUndefined();
    const asked = server.requestsTo('/unsigned.json.sig').length;
    await publish('/unsigned.json', packDocument(2, { revised: [1] }), null);
    expect(await service.sync(server.url('/unsigned.json'))).toMatchObject({ ok: true, version: 2 });
    expect(server.requestsTo('/unsigned.json.sig')).toHaveLength(asked);
  });

  it('at subscribe time, a .sig that is no signature at all means unsigned, and a bad signature refuses', async () => {
    const { db, service } = serviceFor();
    server.serve('/catchall.json', document(packDocument(1)));
    server.serve('/catchall.json.sig', document('<!doctype html><p>Our site</p>', { contentType: 'text/html' }));
    expect(await service.subscribe(server.url('/catchall.json'))).toMatchObject({ ok: true });
    expect((await db.subscriptions.get(server.url('/catchall.json')))?.pinnedKey).toBeUndefined();

    const v1 = packDocument(1, { id: 'tampered' });
    await publish('/tampered.json', { ...v1, name: 'Changed after signing' }, await signPack(v1, key.privateKeyJwk));
    const reply = await service.subscribe(server.url('/tampered.json'));
    expect(!reply.ok && reply.error).toMatch(/^The pack's signature does not check out, so it was not installed: .*does not match its signature/s);
    expect(await db.subscriptions.get(server.url('/tampered.json'))).toBeUndefined();
    expect(await db.packs.get('tampered')).toBeUndefined();
    expect(await db.packs.get(PACK_ID)).toBeDefined();
  });
});

function claimReview(claim: string) {
  return {
    '@context': 'https://schema.org',
    '@type': 'ClaimReview',
    url: 'https://factcheck.example.org/2026/01/hospitals',
    claimReviewed: claim,
    datePublished: '2026-01-12',
    author: { '@type': 'Organization', name: 'Example Fact Check' },
    reviewRating: { '@type': 'Rating', alternateName: 'False' },
  };
}
