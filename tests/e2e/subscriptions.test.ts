import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../../scripts/launch-extension.mjs';
import { generateSigningKey, signPack } from '../../src/packs/pack-signature';
import { startRouteServer, type Handler } from './route-server';

/**
 * Subscriptions in the built extension, driven through the options page: subscribing installs the
 * pack and open pages are highlighted with it, "Sync now" brings a new version, every way a sync
 * can fail shows a clear error and leaves the installed pack, and unsubscribing removes its claims.
 */

let browser: Awaited<ReturnType<typeof launchWithExtension>>;
let host: Awaited<ReturnType<typeof startRouteServer>>;
let origin: string;
const routes = new Map<string, Handler>();

beforeAll(async () => {
  host = await startRouteServer(routes);
  origin = host.origin;
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await host?.close();
});

// ---- what the server serves ------------------------------------------------------------------

const PHRASE_1 = 'The ferry to the northern islands will stop running every winter from next year';
const PHRASE_2 = 'The new library on the harbour front cost three times its original budget';

const json = (value: unknown, contentType = 'application/json'): Handler => (_req, res) => {
  const body = Buffer.from(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
  res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': body.length, 'Cache-Control': 'no-store' });
  res.end(body);
};
const status = (code: number): Handler => (_req, res) => void res.writeHead(code, { 'Content-Type': 'text/plain' }).end(`status ${code}`);
const truncated: Handler = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': 10_000 });
  res.write('{"format": "crosscheck-pack", "formatVersion": 1, "claims": [');
  setTimeout(() => res.socket?.destroy(), 50);
};
const redirect = (to: string): Handler => (_req, res) => void res.writeHead(302, { Location: to }).end();
const headersOnly: Handler = (_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.flushHeaders();
};

const ferryClaim = {
  id: 'ferry',
  statement: 'The northern ferry stops every winter.',
  phrasings: [PHRASE_1],
  verdict: 'false',
  evidence: [{ source: 's1', stance: 'contradicts', quote: 'The winter timetable keeps two crossings a day.' }],
};
const libraryClaim = {
  id: 'library',
  statement: 'The harbour library cost three times its budget.',
  phrasings: [PHRASE_2],
  verdict: 'mostly-false',
  evidence: [{ source: 's1', stance: 'contradicts', quote: 'The overrun was 40 per cent.' }],
};

const signedClaim = {
  ...ferryClaim,
  id: 'tram',
  statement: 'The tram line closes at nine.',
  phrasings: ['The tram line to the old town closes at nine every evening'],
};

function pack(version: number, id = 'e2e-subscribed') {
  const claims = version === 1 ? [ferryClaim] : [ferryClaim, libraryClaim];
  return {
    format: 'crosscheck-pack',
    formatVersion: 1,
    id,
    name: id === 'e2e-subscribed' ? 'Harbour desk' : 'Signed desk',
    publisher: 'E2E desk',
    version,
    published: '2026-03',
    license: 'CC0',
    sources: [{ id: 's1', url: 'https://example.org/timetable', title: 'Timetable', publisher: 'Port authority' }],
    // The signed pack's claims are not on the article page.
    claims: id === 'e2e-subscribed' ? claims : claims.map((claim, i) => ({ ...signedClaim, id: `${signedClaim.id}-${i}` })),
  };
}

const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harbour news</title></head>
<body><article><h1>Harbour news</h1>
<p>At the meeting, one speaker said that ${PHRASE_1}, which drew protests.</p>
<p>Another claimed that ${PHRASE_2}, citing a leaked report.</p>
</article></body></html>`;

// ---- options page helpers --------------------------------------------------------------------

async function openOptions(): Promise<Page> {
  const options = await browser.context.newPage();
  options.on('dialog', (dialog) => void dialog.accept());
  await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
  await options.locator('table.packs').waitFor();
  return options;
}

async function subscribe(options: Page, url: string): Promise<void> {
  await options.getByRole('textbox', { name: 'Pack address' }).fill(url);
  await options.getByRole('button', { name: 'Subscribe', exact: true }).click();
}

const item = (options: Page, url: string): Locator => options.locator(`.subscription[data-url="${url}"]`);

const packRow = (options: Page, id: string) =>
  options.locator(`table.packs tbody tr[data-pack="${id}"]`).evaluate((row) => ({
    version: row.children[2]!.textContent!.split(' ')[0],
    claims: row.querySelector('.claim-count')!.textContent,
  }));

const highlightCount = (page: Page, verdict: string) =>
  page.evaluate((name) => CSS.highlights.get(name)?.size ?? 0, `crosscheck-${verdict}`);

const PACK_URL = () => `${origin}/packs/harbour.json`;

describe('subscriptions', () => {
  let article: Page;
  let options: Page;

  it('subscribing installs the pack, lists it, and highlights an open page', async () => {
    routes.set('/article.html', json(ARTICLE, 'text/html; charset=utf-8'));
    routes.set('/packs/harbour.json', json(pack(1)));
    article = await browser.context.newPage();
    await article.goto(`${origin}/article.html`);
    await article.waitForTimeout(500);
    expect(await highlightCount(article, 'false')).toBe(0);

    options = await openOptions();
    await subscribe(options, PACK_URL());
    await expect
      .poll(() => options.locator('.subscribe-status').textContent())
      .toBe('Subscribed to “Harbour desk”, version 1: 1 claims.');
    expect(await options.locator('.subscribe-status').getAttribute('role')).toBe('status');
    await expect.poll(() => packRow(options, 'e2e-subscribed')).toEqual({ version: '1', claims: '1' });
    const entry = item(options, PACK_URL());
    await expect.poll(() => entry.textContent()).toContain('Harbour desk · version 1 · 1 claims');
    expect(await entry.locator('.subscription-last-sync').textContent()).toBe('Synced just now');
    expect(await entry.locator('.subscription-last-sync').getAttribute('title')).toBeTruthy();

    await article.waitForFunction(() => (CSS.highlights.get('crosscheck-false')?.size ?? 0) === 1);
    const [range] = await article.evaluate(() => [...CSS.highlights.get('crosscheck-false')!].map((r) => r.toString()));
    expect(range).toBe(PHRASE_1);
    expect(await highlightCount(article, 'mostly-false')).toBe(0);
  });

  it('"Sync now" installs the new version, and the page is highlighted with its new claim', async () => {
    routes.set('/packs/harbour.json', json(pack(2)));
    const entry = item(options, PACK_URL());
    await entry.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => entry.textContent()).toContain('Harbour desk · version 2 · 2 claims');
    await expect.poll(() => entry.locator('.subscription-note').textContent()).toBe('Installed version 2.');
    expect(await packRow(options, 'e2e-subscribed')).toEqual({ version: '2', claims: '2' });
    await article.waitForFunction(() => (CSS.highlights.get('crosscheck-mostly-false')?.size ?? 0) === 1);
    expect(await highlightCount(article, 'false')).toBe(1);
  });

  it('a failed sync shows a clear error and leaves the installed pack', async () => {
    const entry = item(options, PACK_URL());
    const cases: Array<[string, Handler, RegExp]> = [
      ['404', status(404), /^Could not download the pack: not found \(404\)\.$/],
      ['500', status(500), /^Could not download the pack: server error \(500\)\.$/],
      ['truncated body', truncated, /^Could not download the pack: the download was cut short\.$/],
      ['wrong content type', json(pack(3), 'image/png'), /^Could not download the pack: the server sent image\/png, not JSON or a web page\.$/],
      // Chromium's fetch() gives no reason; a second request without following redirects tells.
      ['redirect loop', redirect('/packs/harbour.json'), /^Could not download the pack: the server redirects in a loop, or to an address that cannot be fetched \(only http and https addresses are followed\)\.$/],
      ['not JSON', json('{"format": "crosscheck-pack", '), /not valid JSON/],
      ['rollback', json(pack(1)), /^The server offers version 1, older than the installed version 2\. The installed pack was kept\.$/],
    ];
    for (const [name, handler, message] of cases) {
      routes.set('/packs/harbour.json', handler);
      await entry.getByRole('button', { name: 'Sync now' }).click();
      await expect.poll(() => entry.locator('.subscription-error').textContent(), { message: name }).toMatch(message);
      expect(await entry.locator('.subscription-error').getAttribute('role')).toBe('alert');
      expect(await packRow(options, 'e2e-subscribed'), name).toEqual({ version: '2', claims: '2' });
      expect(await entry.textContent(), name).toContain('Harbour desk · version 2 · 2 claims');
    }
    // The page keeps its highlights.
    expect(await highlightCount(article, 'false')).toBe(1);
    expect(await highlightCount(article, 'mostly-false')).toBe(1);

    // A good sync clears the error.
    routes.set('/packs/harbour.json', json(pack(2)));
    await entry.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => entry.locator('.subscription-error').count()).toBe(0);
  });

  it('a server whose headers arrive and body never does times out after 20 s', { timeout: 60_000 }, async () => {
    const entry = item(options, PACK_URL());
    routes.set('/packs/harbour.json', headersOnly);
    await entry.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(() => entry.locator('.subscription-error').textContent(), { timeout: 40_000 })
      .toMatch(/^Could not download the pack: 127\.0\.0\.1:\d+ did not answer within 20 s\.$/);
    expect(await packRow(options, 'e2e-subscribed')).toEqual({ version: '2', claims: '2' });
    routes.set('/packs/harbour.json', json(pack(2)));
  });

  it('a signed pack pins its key, and a version signed by another key is refused', async () => {
    const key = await generateSigningKey();
    const otherKey = await generateSigningKey();
    const url = `${origin}/packs/signed.json`;
    const v1 = pack(1, 'e2e-signed');
    routes.set('/packs/signed.json', json(v1));
    routes.set('/packs/signed.json.sig', json(await signPack(v1, key.privateKeyJwk)));

    await subscribe(options, url);
    await expect.poll(() => options.locator('.subscribe-status').textContent()).toContain('Subscribed to “Signed desk”, version 1');
    const entry = item(options, url);
    await expect.poll(() => entry.locator('.subscription-signed').textContent()).toBe(`signed by ${key.publicKey.slice(0, 8)}`);

    const v2 = pack(2, 'e2e-signed');
    routes.set('/packs/signed.json', json(v2));
    routes.set('/packs/signed.json.sig', json(await signPack(v2, otherKey.privateKeyJwk)));
    await entry.getByRole('button', { name: 'Sync now' }).click();
    await expect
      .poll(() => entry.locator('.subscription-error').textContent())
      .toMatch(/^This pack was signed when you subscribed; this version is signed by a different key/);
    expect(await packRow(options, 'e2e-signed')).toEqual({ version: '1', claims: '1' });

    // A tampered pack with the right key's signature of other content is refused too.
    routes.set('/packs/signed.json', json({ ...v2, name: 'Tampered' }));
    routes.set('/packs/signed.json.sig', json(await signPack(v2, key.privateKeyJwk)));
    await entry.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => entry.locator('.subscription-error').textContent()).toMatch(/does not match its signature/);
    expect(await packRow(options, 'e2e-signed')).toEqual({ version: '1', claims: '1' });
  });

  it('subscribing to a bad address or a failing URL shows the error and stores nothing', async () => {
    await subscribe(options, 'javascript:alert(1)');
    await expect
      .poll(() => options.locator('.subscribe-status').textContent())
      .toBe('Only http and https addresses can be subscribed to, not javascript: addresses.');
    expect(await options.locator('.subscribe-status').getAttribute('role')).toBe('alert');
    await subscribe(options, `${origin}/packs/missing.json`);
    await expect
      .poll(() => options.locator('.subscribe-status').textContent())
      .toBe('Could not download the pack: not found (404).');
    expect(await options.locator('.subscription').count()).toBe(2);
  });

  it('unsubscribing removes the pack’s claims from the page and the subscription from the list', async () => {
    const entry = item(options, PACK_URL());
    await entry.getByRole('button', { name: 'Unsubscribe' }).click();
    await expect.poll(() => entry.count()).toBe(0);
    await expect.poll(() => options.locator('table.packs tbody tr[data-pack="e2e-subscribed"]').count()).toBe(0);
    await article.waitForFunction(
      () => (CSS.highlights.get('crosscheck-false')?.size ?? 0) === 0 && (CSS.highlights.get('crosscheck-mostly-false')?.size ?? 0) === 0,
    );
    // The other subscription and the built-in pack stay.
    expect(await options.locator('.subscription').count()).toBe(1);
    expect(await options.locator('table.packs tbody tr[data-pack="e2e-signed"]').count()).toBe(1);
    await article.close();
    await options.close();
  });
});
