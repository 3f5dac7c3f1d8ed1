import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { capErrorText, MAX_ERROR_CHARS } from '../../../src/background/subscriptions/error-text';
import { document, packDocument, serviceFor, snapshot, startPackServer, type PackServer } from './support';

/** A hostile server must not make the stored (and shown) error megabytes long. */
let server: PackServer;
beforeAll(async () => {
  server = await startPackServer();
});
afterAll(() => server.close());

/**
 * A web page with 40 000 broken JSON-LD blocks: the ClaimReview reader says why it skipped each
 * one, so the uncapped error would be several megabytes.
 */
const hostilePage = () =>
  `<!doctype html><html><head><title>x</title>${'<script type="application/ld+json">{"@type": </script>'.repeat(40_000)}</head><body></body></html>`;

describe('error texts are capped', () => {
  it('capErrorText keeps short texts, cuts long ones to the limit with "…", and never halves a surrogate pair', () => {
    expect(capErrorText('short')).toBe('short');
    expect(capErrorText('x'.repeat(MAX_ERROR_CHARS))).toBe('x'.repeat(MAX_ERROR_CHARS));
    const cut = capErrorText('y'.repeat(5_000_000));
    expect(cut).toHaveLength(MAX_ERROR_CHARS);
    expect(cut.endsWith('…')).toBe(true);
    const emoji = capErrorText('a'.repeat(MAX_ERROR_CHARS - 2) + '😀'.repeat(10));
    expect(emoji.length).toBeLessThanOrEqual(MAX_ERROR_CHARS);
    expect(emoji).toBe(`${'a'.repeat(MAX_ERROR_CHARS - 2)}…`);
    expect(capErrorText('abcdef', 4)).toBe('abc…');
  });

  it('subscribing to a hostile page: the reply is capped', async () => {
    const { db, service } = serviceFor();
    server.serve('/hostile-new.html', document(hostilePage(), { contentType: 'text/html' }));
    const reply = await service.subscribe(server.url('/hostile-new.html'));
    expect(reply.ok).toBe(false);
    const error = reply.ok ? '' : reply.error;
    expect(error.length).toBeLessThanOrEqual(MAX_ERROR_CHARS);
    expect(error).toMatch(/^No ClaimReview found: none of the page's JSON-LD blocks is valid JSON\.\nSkipped JSON-LD block 1 of 40000/);
    expect(error.endsWith('…')).toBe(true);
    expect(await db.subscriptions.count()).toBe(0);
  });

  it('a sync of a subscription whose server turned hostile stores a capped lastError and changes nothing else', async () => {
    const { db, service } = serviceFor();
    const url = server.url('/turned-hostile.json');
    server.serve('/turned-hostile.json', document(packDocument(1)));
    await service.subscribe(url);
    const before = await snapshot(db);

    server.serve('/turned-hostile.json', document(hostilePage(), { contentType: 'text/html' }));
    const reply = await service.sync(url);
    const stored = (await db.subscriptions.get(url))?.lastError ?? '';
    expect(stored.length).toBeLessThanOrEqual(MAX_ERROR_CHARS);
    expect(stored.endsWith('…')).toBe(true);
    expect(reply).toEqual({ ok: false, error: stored });
    expect(await snapshot(db)).toBe(before);

    // And the summary of the periodic sync ("n of m could not be synced. <url>: <error>") too.
    const all = await service.sync();
    expect(all.ok).toBe(false);
    expect(!all.ok && all.error.length).toBeLessThanOrEqual(MAX_ERROR_CHARS);
  });
});
