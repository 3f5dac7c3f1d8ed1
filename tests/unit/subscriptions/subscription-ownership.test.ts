import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSubscriptionService } from '../../../src/background/subscriptions/subscription-service';
import { packOwner, readSubscriptions } from '../../../src/background/subscriptions/subscription-records';
import { installPack } from '../../../src/db/install-pack';
import { generateSigningKey, signPack } from '../../../src/packs/pack-signature';
import { PackSchema } from '../../../src/schema/pack';
import { document, PACK_ID, packDocument, serviceFor, snapshot, startPackServer, status, type Handler, type PackServer } from './support';

/**
 * Who owns a pack: a second URL serving the pack id another subscription follows must neither
 * sidestep that subscription's pinned key nor silently delete it. And writes after a download
 * never bring back a subscription removed while the download ran.
 */
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
const nextPath = (name: string) => `/${name}-${++counter}.json`;

/** Serves a pack and, as asked, its signature at `<path>.sig` (by `key` unless another is given). */
async function publish(path: string, pack: Record<string, unknown>, signedBy: JsonWebKey | null = key.privateKeyJwk) {
  server.serve(path, document(JSON.stringify(pack, null, 1), { etag: `"${path}-${String(pack.version)}"` }));
  if (signedBy === null) server.unserve(`${path}.sig`);
  else server.serve(`${path}.sig`, document(await signPack(pack, signedBy)));
}

/** A subscription to a signed pack (pinned to `key`) at a fresh path. */
async function pinnedSubscription(ctx = serviceFor()) {
  const path = nextPath('pinned');
  await publish(path, packDocument(1));
  expect(await ctx.service.subscribe(server.url(path))).toMatchObject({ ok: true, status: 'installed' });
  const sub = (await ctx.db.subscriptions.get(server.url(path)))!;
  expect(sub.pinnedKey).toBe(key.publicKey);
  return { ...ctx, path, url: server.url(path), sub };
}

/** Everything a refused subscribe must leave as it was: every pack table and every subscription. */
async function everything(db: Parameters<typeof snapshot>[0]) {
  return `${await snapshot(db)}\n${JSON.stringify(await db.subscriptions.toArray())}`;
}

const pinnedRefusal = (ownerUrl: string) =>
  `“Subscribed desk” is followed from ${ownerUrl} and signed by key ${key.publicKey.slice(0, 8)}; this copy is not signed by that key.`;

describe('a pack followed with a pinned key', () => {
  it('cannot be replaced by subscribing to an unsigned copy at another URL', async () => {
    const { db, service, url, sub } = await pinnedSubscription();
    const before = await everything(db);
    const copy = nextPath('unsigned-copy');
    await publish(copy, packDocument(5, { revised: [0, 1, 2] }), null);

    const reply = await service.subscribe(server.url(copy));
    expect(reply).toEqual({ ok: false, error: pinnedRefusal(url) });
    expect(await everything(db)).toBe(before);
    expect(await db.subscriptions.get(url)).toEqual(sub);
    expect(await db.subscriptions.get(server.url(copy))).toBeUndefined();
  });

  it('cannot be replaced by a copy signed by another key, or with a signature that cannot be had', async () => {
    const { db, service, url } = await pinnedSubscription();
    const before = await everything(db);
    const copy = nextPath('other-key-copy');
    await publish(copy, packDocument(5, { revised: [0] }), otherKey.privateKeyJwk);
    expect(await service.subscribe(server.url(copy))).toEqual({ ok: false, error: pinnedRefusal(url) });

    // A signature by the right key, but of other content.
    const v5 = packDocument(5, { revised: [0] });
    server.serve(copy, document({ ...v5, name: 'Tampered' }));
    server.serve(`${copy}.sig`, document(await signPack(v5, key.privateKeyJwk)));
    expect(await service.subscribe(server.url(copy))).toEqual({ ok: false, error: pinnedRefusal(url) });

    // A .sig that is a web page, or a server error.
    server.serve(`${copy}.sig`, document('<!doctype html><p>Our site</p>', { contentType: 'text/html' }));
    expect(await service.subscribe(server.url(copy))).toEqual({ ok: false, error: pinnedRefusal(url) });
    server.serve(`${copy}.sig`, status(503));
    expect(await service.subscribe(server.url(copy))).toEqual({ ok: false, error: pinnedRefusal(url) });

    expect(await everything(db)).toBe(before);
  });

  it('a mirror signed by the pinned key replaces the subscription, keeping the key pinned', async () => {
    const { db, service, url } = await pinnedSubscription();
    const mirror = nextPath('mirror');
    await publish(mirror, packDocument(2, { revised: [0] }));
    expect(await service.subscribe(server.url(mirror))).toMatchObject({ ok: true, status: 'installed', version: 2 });
    expect(await db.subscriptions.get(url)).toBeUndefined();
    expect(await db.subscriptions.get(server.url(mirror))).toMatchObject({ packId: PACK_ID, pinnedKey: key.publicKey, version: 2 });
    // And the mirror is held to the key from then on.
    await publish(mirror, packDocument(3, { revised: [1] }), null);
    expect(await service.sync(server.url(mirror))).toMatchObject({ ok: false, error: expect.stringMatching(/^This pack was signed when you subscribed/) });
  });
});

describe('a pack followed without a pinned key', () => {
  it('is not taken over by another URL: refused, naming the URL that follows it', async () => {
    const { db, service } = serviceFor();
    const first = nextPath('unpinned');
    await publish(first, packDocument(1), null);
    await service.subscribe(server.url(first));
    const before = await everything(db);

    // Even a signed copy: the user follows the pack from the first URL, and must choose.
    const second = nextPath('unpinned-other');
    await publish(second, packDocument(2, { revised: [0] }));
    const reply = await service.subscribe(server.url(second));
    expect(reply).toEqual({
      ok: false,
      error:
        `“Subscribed desk” is already followed from ${server.url(first)}. ` +
        `To follow it from ${server.url(second)} instead, unsubscribe from ${server.url(first)} first.`,
    });
    expect(await everything(db)).toBe(before);

    // After unsubscribing, the second URL can be followed.
    await service.unsubscribe(server.url(first));
    expect(await service.subscribe(server.url(second))).toMatchObject({ ok: true, status: 'installed', version: 2 });
  });
});

describe('packOwner', () => {
  it('names the subscription that follows a pack, and nothing for a pack imported by hand', async () => {
    const { db, service } = serviceFor();
    await installPack(db, PackSchema.parse(packDocument(1, { id: 'by-hand' })));
    expect(await packOwner(db, 'by-hand')).toBeUndefined();
    expect(await packOwner(db, 'no-such-pack')).toBeUndefined();

    const path = nextPath('owned');
    await publish(path, packDocument(1), null);
    await service.subscribe(server.url(path));
    expect(await packOwner(db, PACK_ID)).toMatchObject({ url: server.url(path), packId: PACK_ID });
    expect(await packOwner(db, PACK_ID, server.url(path))).toBeUndefined();
  });

  it('leaves out, and logs, stored rows that do not fit the schema', async () => {
    const { db, service } = serviceFor();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // As an older build or a damaged disk might have left them.
    await db.subscriptions.bulkPut([
      { url: 'javascript:alert(1)', packId: 'damaged', addedAt: 1 },
      { url: 'https://example.org/p.json', packId: 'damaged', addedAt: 'yesterday' as unknown as number },
      { url: 'https://example.org/q.json', packId: 'damaged', addedAt: 1, pinnedKey: 'not a key' },
    ]);
    expect(await packOwner(db, 'damaged')).toBeUndefined();
    expect(await readSubscriptions(db)).toEqual([]);
    expect(warn).toHaveBeenCalled();

    // A damaged row cannot be synced, but can be unsubscribed from; the periodic sync skips it.
    expect(await service.sync('https://example.org/p.json')).toEqual({
      ok: false,
      error: 'The stored subscription to https://example.org/p.json is damaged; unsubscribe from it and subscribe again.',
    });
    expect(await service.syncAll()).toEqual({ synced: 0, failed: 0, results: [] });
    expect(await service.unsubscribe('https://example.org/p.json')).toEqual({ ok: true });
    expect(await db.subscriptions.get('https://example.org/p.json')).toBeUndefined();
    warn.mockRestore();
  });
});

describe('a subscription removed while its 304 is on the way', () => {
  /** Serves `path` with a 304 for its current ETag, held until `release()` is called. */
  function heldNotModified(path: string) {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const handler: Handler = (req, res) => {
      void gate.then(() => res.writeHead(304, { ETag: String(req.headers['if-none-match']) }).end());
    };
    server.serve(path, handler);
    const asked = () => server.requestsTo(path).some((r) => r.headers['if-none-match']);
    return { release, asked };
  }

  it('does not come back after a signed mirror took its pack over', async () => {
    const { db, service, path, url } = await pinnedSubscription();
    const before = server.requestsTo(path).length;
    const held = heldNotModified(path);
    const syncing = service.sync(url);
    await vi.waitFor(() => expect(server.requestsTo(path).length).toBeGreaterThan(before));
    expect(held.asked()).toBe(true);

    const mirror = nextPath('mirror-during-304');
    await publish(mirror, packDocument(2, { revised: [0] }));
    expect(await service.subscribe(server.url(mirror))).toMatchObject({ ok: true, version: 2 });
    expect(await db.subscriptions.get(url)).toBeUndefined();

    held.release();
    expect(await syncing).toEqual({ ok: false, error: `The subscription to ${url} was removed while it synced.` });
    expect(await db.subscriptions.get(url)).toBeUndefined();
    expect((await db.subscriptions.toArray()).map((s) => s.url)).toEqual([server.url(mirror)]);
  });

  it('does not come back after it was unsubscribed elsewhere (another worker, the same database)', async () => {
    const { db, service, path, url } = await pinnedSubscription();
    const held = heldNotModified(path);
    const syncing = service.sync(url);
    await vi.waitFor(() => expect(held.asked()).toBe(true));

    const elsewhere = createSubscriptionService({ db, onPacksChanged: async () => {} });
    expect(await elsewhere.unsubscribe(url)).toEqual({ ok: true });
    held.release();
    expect(await syncing).toEqual({ ok: false, error: `The subscription to ${url} was removed while it synced.` });
    expect(await db.subscriptions.count()).toBe(0);
    expect(await db.packs.get(PACK_ID)).toBeUndefined();
  });

  it('a 304 that arrives normally updates only the sync state, clearing the last error', async () => {
    let clock = 1_000;
    const { db, service, path, url, sub } = await pinnedSubscription(serviceFor(undefined, { now: () => clock }));
    clock = 2_000;
    server.serve(path, status(500));
    await service.sync(url);
    expect((await db.subscriptions.get(url))?.lastError).toBe('Could not download the pack: server error (500).');
    const held = heldNotModified(path);
    held.release();
    clock = 3_000;
    expect(await service.sync(url)).toEqual({ ok: true, status: 'not-modified', version: 1, claimCount: 3 });
    expect(await db.subscriptions.get(url)).toEqual({ ...sub, lastAttempt: 3_000, lastSuccess: 3_000 });
  });
});
