import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../../scripts/launch-extension.mjs';
import { generateSigningKey, signPack } from '../../src/packs/pack-signature';
import { startRouteServer, type Handler, type ReceivedRequest } from './route-server';

/**
 * Subscriptions in the built extension, the hard cases: redirects to data: and file: URLs, the
 * periodic alarm really firing, failed syncs leaving every stored row of the pack as it was, a
 * pinned key that an unsigned copy elsewhere cannot sidestep, error texts a hostile server makes
 * huge, the sync schedule setting, and removing a pack whose unsubscribe fails.
 */

let browser: Awaited<ReturnType<typeof launchWithExtension>>;
let host: Awaited<ReturnType<typeof startRouteServer>>;
let origin: string;
const routes = new Map<string, Handler>();
const requests: ReceivedRequest[] = [];

beforeAll(async () => {
  host = await startRouteServer(routes, requests);
  origin = host.origin;
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

// ---- what the server serves ------------------------------------------------------------------

/** A JSON document; with an ETag, a matching If-None-Match gets a 304. */
const json = (value: unknown, options: { contentType?: string; etag?: string } = {}): Handler => (req, res) => {
  if (options.etag && req.headers['if-none-match'] === options.etag) {
    res.writeHead(304, { ETag: options.etag }).end();
    return;
  }
  const body = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  res.writeHead(200, {
    'Content-Type': options.contentType ?? 'application/json',
    'Content-Length': body.length,
    'Cache-Control': 'no-store',
    ...(options.etag ? { ETag: options.etag } : {}),
  });
  res.end(body);
};
const status = (code: number): Handler => (_req, res) => void res.writeHead(code, { 'Content-Type': 'text/plain' }).end(`status ${code}`);
const redirect = (to: string): Handler => (_req, res) => void res.writeHead(302, { Location: to }).end();
const truncated: Handler = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 10_000 });
  res.write('{"format": "crosscheck-pack", "formatVersion": 1, "claims": [');
  setTimeout(() => res.socket?.destroy(), 50);
};

function pack(id: string, version: number, options: { name?: string; claims?: number } = {}) {
  const count = options.claims ?? version;
  return {
    format: 'crosscheck-pack',
    formatVersion: 1,
    id,
    name: options.name ?? `Desk ${id}`,
    publisher: 'E2E desk',
    version,
    published: '2026-03',
    license: 'CC0',
    sources: [{ id: 's1', url: 'https://example.org/timetable', title: 'Timetable', publisher: 'Port authority' }],
    claims: Array.from({ length: count }, (_, i) => ({
      id: `c${i}`,
      statement: `Claim ${i} of ${id}.`,
      phrasings: [`The harbour statement number ${i} from the ${id} desk was checked today`],
      verdict: 'false',
      evidence: [{ source: 's1', stance: 'contradicts', quote: `The timetable says otherwise about ${i}.` }],
    })),
  };
}

const dataUrl = (value: unknown) => `data:application/json,${encodeURIComponent(JSON.stringify(value))}`;

/**
 * What a redirect to data: or file: gives in Chromium: fetch() fails without a reason, and the
 * request made again without following redirects is an opaque redirect, whose target a browser
 * does not reveal (fetch-pack-document.ts; in Node the target is known and named).
 */
const REDIRECT_ERROR =
  /^Could not download the pack: the server redirects in a loop, or to an address that cannot be fetched \(only http and https addresses are followed\)\.$/;

// ---- the options page ------------------------------------------------------------------------

async function openOptions(): Promise<Page> {
  const options = await browser.context.newPage();
  options.on('dialog', (dialog) => void dialog.accept());
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.locator('table.packs').waitFor();
  return options;
}

/**
 * Subscribes through the form. The status line of the previous attempt is marked stale first:
 * the form removes it while busy, so only the new attempt's line lacks the mark.
 */
async function subscribe(options: Page, url: string): Promise<void> {
  await options.locator('.subscribe-status').evaluateAll((lines) => lines.forEach((line) => line.setAttribute('data-stale', '')));
  await options.getByRole('textbox', { name: 'Pack address' }).fill(url);
  await options.getByRole('button', { name: 'Subscribe', exact: true }).click();
}

/** The status line of the latest attempt (null until it shows). */
const statusText = (options: Page) =>
  options
    .locator('.subscribe-status:not([data-stale])')
    .count()
    .then((n) => (n ? options.locator('.subscribe-status:not([data-stale])').textContent() : null));
const item = (options: Page, url: string): Locator => options.locator(`.subscription[data-url="${url}"]`);
const packRow = (options: Page, id: string) => options.locator(`table.packs tbody tr[data-pack="${id}"]`);

/**
 * Every stored row of a pack, read with IndexedDB from the extension's own page: the pack, its
 * claims, sources and match index (typed arrays as plain arrays), and every subscription.
 */
function storedRows(page: Page, packId: string) {
  return page.evaluate(async (id) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('crosscheck');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const ask = <T,>(request: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const store = (name: string) => db.transaction(name).objectStore(name);
    const plain = (value: unknown): unknown =>
      ArrayBuffer.isView(value)
        ? Array.from(value as Uint32Array)
        : value && typeof value === 'object'
          ? Array.isArray(value)
            ? value.map(plain)
            : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
          : value;
    try {
      return plain({
        pack: await ask(store('packs').get(id)),
        // Claims are stored in chunks of several (db/claim-chunks.ts).
        claims: (await ask(store('claimChunks').getAll(IDBKeyRange.bound([id, 0], [id, Infinity])))).flatMap((row: { claims: unknown[] }) => row.claims),
        claimHashes: await ask(store('claimHashes').get(id)),
        sources: await ask(store('sources').index('packId').getAll(id)),
        index: {
          head: await ask(store('packIndexes').get(id)),
          shards: await ask(store('indexShards').getAll(IDBKeyRange.bound([id, 0], [id, Infinity]))),
          pairs: await ask(store('indexPairs').get(id)),
        },
        subscriptions: await ask(store('subscriptions').getAll()),
      }) as {
        pack: Record<string, unknown> | undefined;
        claims: Record<string, unknown>[];
        claimHashes: Record<string, unknown> | undefined;
        sources: Record<string, unknown>[];
        index: { head: Record<string, unknown> | undefined; shards: Record<string, unknown>[]; pairs: Record<string, unknown> | undefined };
        subscriptions: Record<string, unknown>[];
      };
    } finally {
      db.close();
    }
  }, packId);
}

/** The subscription rows without what a failed sync records (its time and error). */
const withoutAttempt = (subscriptions: Record<string, unknown>[]) =>
  subscriptions.map(({ lastAttempt: _a, lastError: _e, ...rest }) => rest);

/** Clicks "Sync now" and waits until the sync is recorded (the subscription's lastAttempt changed). */
async function syncNow(entry: Locator, url: string): Promise<void> {
  const page = entry.page();
  const attempt = async () => (await storedRows(page, '')).subscriptions.find((s) => s.url === url)?.lastAttempt;
  const before = await attempt();
  await entry.getByRole('button', { name: 'Sync now' }).click();
  await expect.poll(attempt, { timeout: 30_000 }).not.toBe(before);
  await expect.poll(() => entry.getByRole('button', { name: 'Sync now' }).isEnabled()).toBe(true);
}

async function workerEval<T>(fn: () => Promise<T> | T): Promise<T> {
  const worker = await browser.worker();
  return worker.evaluate(fn);
}

describe('subscriptions, the hard cases', () => {
  let options: Page;

  beforeAll(async () => {
    options = await openOptions();
  });
  afterAll(async () => {
    await options?.close();
  });

  it('a pack URL that redirects to a data: or a file: URL: a clear error, nothing installed', async () => {
    routes.set('/packs/to-data.json', redirect(dataUrl(pack('e2e-from-data', 1))));
    routes.set('/packs/to-file.json', redirect('file:///etc/passwd'));
    for (const path of ['/packs/to-data.json', '/packs/to-file.json']) {
      await subscribe(options, `${origin}${path}`);
      await expect.poll(() => statusText(options), { message: path }).toMatch(REDIRECT_ERROR);
      expect(await options.locator('.subscribe-status').getAttribute('role')).toBe('alert');
      expect(requests.some((r) => r.path === path)).toBe(true);
      expect(await item(options, `${origin}${path}`).count()).toBe(0);
    }
    expect(await packRow(options, 'e2e-from-data').count()).toBe(0);
    expect((await storedRows(options, 'e2e-from-data')).pack).toBeUndefined();
    expect((await storedRows(options, 'e2e-from-data')).subscriptions).toEqual([]);
  });

  it('"Sync now" failing in every way leaves every stored row of the pack as it was', async () => {
    const url = `${origin}/packs/base.json`;
    routes.set('/packs/base.json', json(pack('e2e-base', 2), { etag: '"base-2"' }));
    await subscribe(options, url);
    await expect.poll(() => statusText(options)).toBe('Subscribed to “Desk e2e-base”, version 2: 2 claims.');
    await expect.poll(() => packRow(options, 'e2e-base').count()).toBe(1);
    const before = await storedRows(options, 'e2e-base');
    expect(before.pack).toMatchObject({ id: 'e2e-base', version: 2, claimCount: 2 });
    expect(before.claims).toHaveLength(2);
    expect(before.claimHashes).toMatchObject({ packId: 'e2e-base' });
    expect(before.sources).toHaveLength(1);
    expect(before.index.head).toMatchObject({ packId: 'e2e-base', packVersion: 2 });
    expect(before.index.shards.length).toBeGreaterThan(0);
    expect(before.index.pairs).toMatchObject({ packId: 'e2e-base' });

    const v3 = pack('e2e-base', 3);
    const cases: Array<[string, Handler, RegExp]> = [
      ['a redirect to data:', redirect(dataUrl(v3)), REDIRECT_ERROR],
      ['a redirect to file:', redirect('file:///etc/passwd'), REDIRECT_ERROR],
      ['404', status(404), /^Could not download the pack: not found \(404\)\.$/],
      ['500', status(500), /^Could not download the pack: server error \(500\)\.$/],
      ['a truncated body', truncated, /the download was cut short/],
      ['a wrong content type', json(v3, { contentType: 'image/png' }), /the server sent image\/png/],
      ['not JSON', json('{"format": "crosscheck-pack", '), /not valid JSON/],
      ['a schema violation', json({ ...v3, claims: [{ ...v3.claims[0], verdict: 'pants' }] }), /does not follow the format/],
      ['another pack id', json(pack('e2e-other', 3)), /now offers the pack "e2e-other", not "e2e-base"/],
      ['a rollback', json(pack('e2e-base', 1)), /^The server offers version 1, older than the installed version 2\./],
    ];
    const entry = item(options, url);
    for (const [name, handler, message] of cases) {
      routes.set('/packs/base.json', handler);
      await syncNow(entry, url);
      await expect.poll(() => entry.locator('.subscription-error').textContent(), { message: name }).toMatch(message);
      const after = await storedRows(options, 'e2e-base');
      expect(after.pack, name).toEqual(before.pack);
      expect(after.claims, name).toEqual(before.claims);
      expect(after.claimHashes, name).toEqual(before.claimHashes);
      expect(after.sources, name).toEqual(before.sources);
      expect(after.index, name).toEqual(before.index);
      expect(withoutAttempt(after.subscriptions), name).toEqual(withoutAttempt(before.subscriptions));
      expect(after.subscriptions.find((s) => s.url === url)?.lastError, name).toMatch(message);
    }
    expect(await storedRows(options, 'e2e-other')).toMatchObject({ pack: undefined, claims: [], sources: [] });
    routes.set('/packs/base.json', json(pack('e2e-base', 2), { etag: '"base-2"' }));
  });

  it('the sync alarm firing makes a conditional request and installs the new version', async () => {
    const url = `${origin}/packs/alarmed.json`;
    routes.set('/packs/alarmed.json', json(pack('e2e-alarmed', 1), { etag: '"alarmed-1"' }));
    await subscribe(options, url);
    await expect.poll(() => statusText(options)).toBe('Subscribed to “Desk e2e-alarmed”, version 1: 1 claims.');

    // A new version on the server; the next request for the old ETag gets it.
    routes.set('/packs/alarmed.json', json(pack('e2e-alarmed', 2), { etag: '"alarmed-2"' }));
    const from = Date.now();
    // One shot, 200 ms from now. Chromium holds packed extensions to 30 s at least; an unpacked
    // one, as here, fires when asked (checked below by the time the request arrived).
    await workerEval(() => chrome.alarms.create('crosscheck-sync', { when: Date.now() + 200 }));
    await expect
      .poll(() => requests.filter((r) => r.path === '/packs/alarmed.json' && r.at >= from).length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    const request = requests.find((r) => r.path === '/packs/alarmed.json' && r.at >= from)!;
    expect(request.headers['if-none-match']).toBe('"alarmed-1"');
    expect(request.at - from).toBeLessThan(15_000);
    console.info(`the one-time sync alarm fired; its request arrived ${request.at - from} ms after it was created`);

    await expect.poll(() => storedRows(options, 'e2e-alarmed').then((rows) => rows.pack?.version)).toBe(2);
    const rows = await storedRows(options, 'e2e-alarmed');
    expect(rows.claims).toHaveLength(2);
    expect(rows.subscriptions.find((s) => s.url === url)).toMatchObject({ version: 2, claimCount: 2, etag: '"alarmed-2"' });
    await expect.poll(() => item(options, url).textContent()).toContain('version 2 · 2 claims');

    // The one-time alarm replaced the periodic one; having fired, it is put back (every 6 hours).
    await expect
      .poll(() => workerEval(async () => (await chrome.alarms.get('crosscheck-sync'))?.periodInMinutes))
      .toBe(360);
  });

  it('the schedule setting re-creates the alarm with the chosen period', async () => {
    const select = options.locator('select.sync-period-select');
    await expect.poll(() => select.isEnabled()).toBe(true);
    expect(await select.inputValue()).toBe('360');
    expect(await select.locator('option').allTextContents()).toEqual([
      'every hour',
      'every 6 hours (default)',
      'every 12 hours',
      'every day',
    ]);
    await select.selectOption('60');
    await expect
      .poll(() => workerEval(async () => (await chrome.alarms.get('crosscheck-sync'))?.periodInMinutes))
      .toBe(60);
    expect(await workerEval(async () => (await chrome.storage.local.get('subscriptionSyncMinutes')).subscriptionSyncMinutes)).toBe(60);

    // A reload shows the stored choice.
    await options.reload();
    await options.locator('table.packs').waitFor();
    await expect.poll(() => options.locator('select.sync-period-select').inputValue()).toBe('60');
    await options.locator('select.sync-period-select').selectOption('1440');
    await expect
      .poll(() => workerEval(async () => (await chrome.alarms.get('crosscheck-sync'))?.periodInMinutes))
      .toBe(1440);
  });

  it('an unsigned copy of a signed pack at another URL cannot replace it; a signed mirror can', async () => {
    const key = await generateSigningKey();
    const signedUrl = `${origin}/packs/pinned.json`;
    const v1 = pack('e2e-pinned', 1, { name: 'Pinned desk' });
    routes.set('/packs/pinned.json', json(v1));
    routes.set('/packs/pinned.json.sig', json(await signPack(v1, key.privateKeyJwk)));
    await subscribe(options, signedUrl);
    await expect
      .poll(() => statusText(options))
      .toBe(`Subscribed to “Pinned desk”, version 1: 1 claims, signed by ${key.publicKey.slice(0, 8)}.`);
    const before = await storedRows(options, 'e2e-pinned');

    // The same pack id, a higher version, other claims, no signature.
    const copyUrl = `${origin}/packs/copy.json`;
    routes.set('/packs/copy.json', json(pack('e2e-pinned', 9, { name: 'Not the pinned desk', claims: 3 })));
    await subscribe(options, copyUrl);
    await expect
      .poll(() => statusText(options))
      .toBe(
        `“Pinned desk” is followed from ${signedUrl} and signed by key ${key.publicKey.slice(0, 8)}; this copy is not signed by that key.`,
      );
    expect(await options.locator('.subscribe-status').getAttribute('role')).toBe('alert');
    expect(await storedRows(options, 'e2e-pinned')).toEqual(before);
    expect(await item(options, copyUrl).count()).toBe(0);
    expect(await item(options, signedUrl).locator('.subscription-signed').textContent()).toBe(`signed by ${key.publicKey.slice(0, 8)}`);
    expect(await packRow(options, 'e2e-pinned').locator('.claim-count').textContent()).toBe('1');

    // Signed by another key: refused the same way.
    const other = await generateSigningKey();
    const v9 = pack('e2e-pinned', 9, { name: 'Pinned desk', claims: 3 });
    routes.set('/packs/copy.json', json(v9));
    routes.set('/packs/copy.json.sig', json(await signPack(v9, other.privateKeyJwk)));
    await subscribe(options, copyUrl);
    await expect.poll(() => statusText(options)).toMatch(/this copy is not signed by that key\.$/);
    expect(await storedRows(options, 'e2e-pinned')).toEqual(before);

    // A mirror signed by the pinned key replaces the subscription, and says so.
    const v2 = pack('e2e-pinned', 2, { name: 'Pinned desk' });
    routes.set('/packs/copy.json', json(v2));
    routes.set('/packs/copy.json.sig', json(await signPack(v2, key.privateKeyJwk)));
    await subscribe(options, copyUrl);
    await expect
      .poll(() => statusText(options))
      .toBe(
        `Subscribed to “Pinned desk”, version 2: 2 claims, signed by ${key.publicKey.slice(0, 8)}. ` +
          `It replaces the subscription to ${signedUrl}.`,
      );
    await expect.poll(() => item(options, signedUrl).count()).toBe(0);
    expect(await item(options, copyUrl).locator('.subscription-signed').textContent()).toBe(`signed by ${key.publicKey.slice(0, 8)}`);
  });

  it('an unpinned subscription is not taken over: refused, naming the URL that follows the pack', async () => {
    const firstUrl = `${origin}/packs/base.json`;
    const otherUrl = `${origin}/packs/base-elsewhere.json`;
    const before = await storedRows(options, 'e2e-base');
    routes.set('/packs/base-elsewhere.json', json(pack('e2e-base', 5)));
    await subscribe(options, otherUrl);
    await expect
      .poll(() => statusText(options))
      .toBe(
        `“Desk e2e-base” is already followed from ${firstUrl}. To follow it from ${otherUrl} instead, unsubscribe from ${firstUrl} first.`,
      );
    expect(await storedRows(options, 'e2e-base')).toEqual(before);
    expect(await item(options, otherUrl).count()).toBe(0);
  });

  it('a hostile server’s huge error is stored and shown capped at 1,000 characters', async () => {
    const url = `${origin}/packs/base.json`;
    // A page with 40 000 broken JSON-LD blocks: the reader says why it skipped each one.
    routes.set(
      '/packs/base.json',
      json(`<!doctype html><html><head>${'<script type="application/ld+json">{"@type": </script>'.repeat(40_000)}</head></html>`, {
        contentType: 'text/html',
      }),
    );
    const entry = item(options, url);
    await syncNow(entry, url);
    await expect.poll(() => entry.locator('.subscription-error').textContent()).toMatch(/^No ClaimReview found: /);
    const shown = (await entry.locator('.subscription-error').textContent())!;
    expect(shown.length).toBeLessThanOrEqual(1_000);
    expect(shown.endsWith('…')).toBe(true);
    const stored = (await storedRows(options, 'e2e-base')).subscriptions.find((s) => s.url === url)!.lastError as string;
    expect(stored).toBe(shown);

    // A record an older build stored uncapped is shown capped all the same.
    await options.evaluate(async (subscriptionUrl) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('crosscheck');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
      const tx = db.transaction('subscriptions', 'readwrite');
      const store = tx.objectStore('subscriptions');
      const request = store.get(subscriptionUrl);
      request.onsuccess = () => store.put({ ...request.result, lastError: `Old error: ${'x'.repeat(3_000_000)}` });
      await new Promise((resolve) => (tx.oncomplete = resolve));
      db.close();
    }, url);
    await options.reload();
    await options.locator('table.packs').waitFor();
    await expect.poll(() => item(options, url).locator('.subscription-error').textContent()).toMatch(/^Old error: x+…$/);
    expect((await item(options, url).locator('.subscription-error').textContent())!.length).toBe(1_000);
    routes.set('/packs/base.json', json(pack('e2e-base', 2), { etag: '"base-2"' }));
  });

  it('removing a subscribed pack whose unsubscribe fails leaves everything as it was and shows why', async () => {
    const url = `${origin}/packs/base.json`;
    const before = await storedRows(options, 'e2e-base');
    // The background's reply is replaced by a failure here, in this page only: an unsubscribe
    // that fails for real (a database error in the worker) cannot be provoked from outside.
    await options.evaluate(() => {
      const runtime = chrome.runtime as unknown as { sendMessage: (message: { type?: string }) => Promise<unknown> };
      const send = runtime.sendMessage.bind(runtime);
      runtime.sendMessage = (message) =>
        message?.type === 'ui/unsubscribe'
          ? Promise.resolve({ ok: false, error: 'Crosscheck could not unsubscribe: the database is busy.' })
          : send(message);
    });
    await packRow(options, 'e2e-base').getByRole('button', { name: 'Remove' }).click();
    await expect
      .poll(() => options.locator('.pack-error').textContent())
      .toBe('“Desk e2e-base” was not removed: Crosscheck could not unsubscribe: the database is busy.');
    expect(await options.locator('.pack-error').getAttribute('role')).toBe('alert');
    expect(await packRow(options, 'e2e-base').count()).toBe(1);
    expect(await item(options, url).count()).toBe(1);
    expect(await storedRows(options, 'e2e-base')).toEqual(before);

    // With the real reply, removing works: the subscription and the pack go.
    await options.reload();
    await options.locator('table.packs').waitFor();
    await packRow(options, 'e2e-base').getByRole('button', { name: 'Remove' }).click();
    await expect.poll(() => packRow(options, 'e2e-base').count()).toBe(0);
    await expect.poll(() => item(options, url).count()).toBe(0);
    expect(await options.locator('.pack-error').count()).toBe(0);
  });
});
