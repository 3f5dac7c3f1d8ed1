import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ensureSyncAlarm, scheduleSync, SYNC_ALARM, SYNC_PERIOD_MINUTES, type AlarmsApi } from '../../../src/background/subscriptions/schedule-sync';
import { createMessageHandler } from '../../../src/background/handle-message';
import { createClaimViewCache } from '../../../src/background/claim-view-cache';
import { createMatchService } from '../../../src/background/match-service';
import { installPack } from '../../../src/db/install-pack';
import { PackSchema } from '../../../src/schema/pack';
import { EXTENSION_ID, EXTENSION_ORIGIN, popupSender } from '../support/message-harness';
import { demoPackCopy, storedClaims } from '../support/test-database';
import { document, PACK_ID, packDocument, serviceFor, snapshot, startPackServer, type PackServer } from './support';

/** Unsubscribing, ClaimReview sources, taking over packs, and the periodic alarm. */
let server: PackServer;
beforeAll(async () => {
  server = await startPackServer();
});
afterAll(() => server.close());

const claimReview = (n: number, rating = 'False') => ({
  '@type': 'ClaimReview',
  url: `https://factcheck.example.org/2026/01/check-${n}`,
  claimReviewed: `The river crossing number ${n} was closed for the whole of last winter`,
  datePublished: '2026-01-12',
  author: { '@type': 'Organization', name: 'Example Fact Check' },
  reviewRating: { '@type': 'Rating', alternateName: rating },
});

const jsonLd = (...reviews: object[]) => ({ '@context': 'https://schema.org', '@graph': reviews });

const htmlPage = (...reviews: object[]) => `<!doctype html>
<html><head><title>Fact check</title>
<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', ...reviews[0] })}</script>
</head><body><h1>Our fact check</h1><p>Read on.</p></body></html>`;

describe('unsubscribe', () => {
  it("removes the subscription and its pack's claims, sources and index, and nothing else", async () => {
    const { db, service, onPacksChanged } = serviceFor();
    await installPack(db, demoPackCopy());
    await db.sitePreferences.put({ host: 'example.org', paused: true });
    server.serve('/unsub.json', document(packDocument(1)));
    await service.subscribe(server.url('/unsub.json'));
    const others = async () => ({
      packs: await db.packs.where('id').notEqual(PACK_ID).toArray(),
      claims: (await storedClaims(db)).filter((claim) => claim.packId !== PACK_ID),
      sources: await db.sources.where('packId').notEqual(PACK_ID).toArray(),
      indexes: await db.packIndexes.where('packId').notEqual(PACK_ID).toArray(),
      prefs: await db.sitePreferences.toArray(),
    });
    const before = await others();
    expect(before.claims.length).toBeGreaterThan(0);

    expect(await service.unsubscribe(server.url('/unsub.json'))).toEqual({ ok: true });
    expect(await db.subscriptions.count()).toBe(0);
    expect(await db.packs.get(PACK_ID)).toBeUndefined();
    expect((await storedClaims(db, PACK_ID)).length).toBe(0);
    expect(await db.sources.where('packId').equals(PACK_ID).count()).toBe(0);
    expect(await db.packIndexes.get(PACK_ID)).toBeUndefined();
    expect(await others()).toEqual(before);
    expect(onPacksChanged).toHaveBeenCalledTimes(2);

    expect(await service.unsubscribe(server.url('/unsub.json'))).toEqual({
      ok: false,
      error: `There is no subscription to ${server.url('/unsub.json')}.`,
    });
  });

  it('waits for a sync of the same URL in progress, so the pack does not come back', async () => {
    const { db, service } = serviceFor();
    server.serve('/racing.json', document(packDocument(1)));
    await service.subscribe(server.url('/racing.json'));
    const slow = document(packDocument(2, { revised: [0] }));
    server.serve('/racing.json', (req, res) => setTimeout(() => slow(req, res), 50));
    const [synced, unsubscribed] = await Promise.all([service.sync(server.url('/racing.json')), service.unsubscribe(server.url('/racing.json'))]);
    expect(synced).toMatchObject({ ok: true, version: 2 });
    expect(unsubscribed).toEqual({ ok: true });
    expect(await db.packs.get(PACK_ID)).toBeUndefined();
    expect(await db.subscriptions.count()).toBe(0);
  });
});

describe('ClaimReview sources', () => {
  it('a JSON-LD URL can be subscribed to; a change of its reviews is a new version', async () => {
    const { db, service } = serviceFor();
    const url = server.url('/reviews.jsonld');
    server.serve('/reviews.jsonld', document(jsonLd(claimReview(1), claimReview(2)), { contentType: 'application/ld+json' }));
    const reply = await service.subscribe(url);
    expect(reply).toEqual({ ok: true, status: 'installed', version: 1, claimCount: 2 });
    const sub = (await db.subscriptions.get(url))!;
    expect(sub.packId).toMatch(/^claimreview-127-0-0-1-\d+-reviews-jsonld-[0-9a-f]{8}$/);
    expect(sub.pinnedKey).toBeUndefined();
    expect(server.requestsTo('/reviews.jsonld.sig')).toHaveLength(0);
    const pack = (await db.packs.get(sub.packId!))!;
    expect(pack.publisher).toBe('Example Fact Check');

    // The same reviews again: no new version.
    expect(await service.sync(url)).toEqual({ ok: true, status: 'unchanged', version: 1, claimCount: 2 });
    // One more review: version 2.
    server.serve('/reviews.jsonld', document(jsonLd(claimReview(1), claimReview(2), claimReview(3)), { contentType: 'application/ld+json' }));
    expect(await service.sync(url)).toEqual({ ok: true, status: 'installed', version: 2, claimCount: 3 });
    expect((await storedClaims(db, sub.packId!)).length).toBe(3);
  });

  it('an HTML page embedding ClaimReview can be subscribed to, next to another page of the same fact-checker', async () => {
    const { db, service } = serviceFor();
    server.serve('/article-a.html', document(htmlPage(claimReview(4)), { contentType: 'text/html; charset=utf-8' }));
    server.serve('/article-b.html', document(htmlPage(claimReview(5, 'True')), { contentType: 'text/html; charset=utf-8' }));
    expect(await service.subscribe(server.url('/article-a.html'))).toMatchObject({ ok: true, claimCount: 1 });
    expect(await service.subscribe(server.url('/article-b.html'))).toMatchObject({ ok: true, claimCount: 1 });
    const subs = await db.subscriptions.toArray();
    expect(subs).toHaveLength(2);
    expect(new Set(subs.map((s) => s.packId)).size).toBe(2);
    const claims = await storedClaims(db);
    expect(claims.map((c) => c.statement).sort()).toEqual([
      'The river crossing number 4 was closed for the whole of last winter',
      'The river crossing number 5 was closed for the whole of last winter',
    ]);
    expect(claims.find((c) => c.statement.includes('number 5'))?.verdict).toBe('true');
  });
});

describe('taking over a pack', () => {
  it('subscribing to a pack the user imported by hand takes it over; unsubscribing then removes it', async () => {
    const { db, service } = serviceFor();
    await installPack(db, PackSchema.parse(packDocument(1)));
    server.serve('/takeover.json', document(packDocument(2, { revised: [2] })));
    expect(await service.subscribe(server.url('/takeover.json'))).toMatchObject({ ok: true, status: 'installed', version: 2 });
    expect((await db.subscriptions.get(server.url('/takeover.json')))?.packId).toBe(PACK_ID);
    await service.unsubscribe(server.url('/takeover.json'));
    expect(await db.packs.get(PACK_ID)).toBeUndefined();
  });

  it('a hand-imported newer version is not replaced by an older one from the server', async () => {
    const { db, service } = serviceFor();
    await installPack(db, PackSchema.parse(packDocument(3)));
    const before = await snapshot(db);
    server.serve('/older.json', document(packDocument(2)));
    expect(await service.subscribe(server.url('/older.json'))).toEqual({
      ok: false,
      error: 'The server offers version 2, older than the installed version 3. The installed pack was kept.',
    });
    expect(await snapshot(db)).toBe(before);
    expect(await db.subscriptions.count()).toBe(0);
  });

  it('subscribing to another URL of a pack a subscription follows is refused, not a silent move (see subscription-ownership)', async () => {
    const { db, service } = serviceFor();
    server.serve('/mirror-a.json', document(packDocument(1)));
    server.serve('/mirror-b.json', document(packDocument(2, { revised: [0] })));
    await service.subscribe(server.url('/mirror-a.json'));
    expect(await service.subscribe(server.url('/mirror-b.json'))).toMatchObject({ ok: false });
    expect((await db.subscriptions.toArray()).map((s) => s.url)).toEqual([server.url('/mirror-a.json')]);
    expect((await db.packs.get(PACK_ID))?.version).toBe(1);
  });

  it('subscribing again to a URL already followed syncs it', async () => {
    const { db, service } = serviceFor();
    server.serve('/again.json', document(packDocument(1)));
    await service.subscribe(server.url('/again.json'));
    server.serve('/again.json', document(packDocument(2, { revised: [0] })));
    expect(await service.subscribe(`${server.url('/again.json')}#fragment`)).toMatchObject({ ok: true, version: 2 });
    expect(await db.subscriptions.count()).toBe(1);
  });
});

describe('the periodic sync', () => {
  function fakeAlarms() {
    const alarms = new Map<string, { name: string; periodInMinutes?: number }>();
    const listeners: Array<(alarm: { name: string }) => void> = [];
    const api: AlarmsApi = {
      get: vi.fn(async (name: string) => alarms.get(name)),
      create: vi.fn(async (name: string, info: { periodInMinutes?: number }) => {
        alarms.set(name, { name, ...info });
      }),
      onAlarm: { addListener: (listener) => void listeners.push(listener) },
    };
    return { api, alarms, fire: (name: string) => listeners.forEach((listener) => listener({ name })) };
  }

  it('creates the alarm once, every six hours, and syncs every subscription when it fires', async () => {
    const { api, alarms, fire } = fakeAlarms();
    await ensureSyncAlarm(api);
    await ensureSyncAlarm(api);
    expect(api.create).toHaveBeenCalledTimes(1);
    expect(alarms.get(SYNC_ALARM)).toEqual({ name: 'crosscheck-sync', periodInMinutes: 360 });
    expect(SYNC_PERIOD_MINUTES).toBe(360);

    const { db, service } = serviceFor();
    server.serve('/alarm.json', document(packDocument(1)));
    await service.subscribe(server.url('/alarm.json'));
    server.serve('/alarm.json', document(packDocument(2, { revised: [1] })));
    const syncAll = vi.fn(() => service.syncAll());
    const onInstalled: Array<() => void> = [];
    scheduleSync({ alarms: api, syncAll, onInstalled: { addListener: (l) => void onInstalled.push(l) } });
    expect(onInstalled).toHaveLength(1);

    fire('some-other-alarm');
    expect(syncAll).not.toHaveBeenCalled();
    fire(SYNC_ALARM);
    expect(syncAll).toHaveBeenCalledTimes(1);
    await vi.waitFor(async () => expect((await db.packs.get(PACK_ID))?.version).toBe(2));
  });
});

describe('through the message handler', () => {
  it('the options page subscribes, syncs and unsubscribes with ui/ messages', async () => {
    const { db, service } = serviceFor();
    const handle = createMessageHandler({
      db,
      matcher: createMatchService(db),
      views: createClaimViewCache(db),
      extensionId: EXTENSION_ID,
      extensionOrigin: EXTENSION_ORIGIN,
      subscriptions: service,
      tabs: { list: async () => [], get: async () => null, send: async () => {} },
      tabState: { read: async () => null, record: async () => {}, clear: async () => {} },
    });
    const url = server.url('/messages.json');
    server.serve('/messages.json', document(packDocument(1)));
    expect(await handle({ type: 'ui/subscribe', url }, popupSender)).toEqual({ ok: true, status: 'installed', version: 1, claimCount: 3 });
    expect(await handle({ type: 'ui/sync-now', url }, popupSender)).toMatchObject({ ok: true, status: 'unchanged' });
    expect(await handle({ type: 'ui/sync-now' }, popupSender)).toEqual({ ok: true });
    expect(await handle({ type: 'ui/unsubscribe', url }, popupSender)).toEqual({ ok: true });
    expect(await db.packs.count()).toBe(0);
  });
});
