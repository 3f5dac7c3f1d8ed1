import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPackDocument } from '../../../src/background/subscriptions/fetch-pack-document';
import { MAX_PACK_BYTES } from '../../../src/packs/parse-pack';
import {
  document,
  hang,
  headersOnly,
  hugeContentLength,
  packDocument,
  redirectLoop,
  serviceFor,
  snapshot,
  startPackServer,
  status,
  streamed,
  truncated,
  type Handler,
  type PackServer,
} from './support';

/**
 * Every way a sync can fail: a clear `lastError`, and the installed pack left byte for byte as
 * it was (packs, claims, sources and match index compared before and after).
 */
let server: PackServer;
beforeAll(async () => {
  server = await startPackServer();
});
afterAll(() => server.close());

const MB = 1024 * 1024;
const LIMIT_MB = MAX_PACK_BYTES / MB;
const v2 = packDocument(2);

const cases: Array<[string, Handler, RegExp]> = [
  ['404', status(404), /^Could not download the pack: not found \(404\)\.$/],
  ['500', status(500), /^Could not download the pack: server error \(500\)\.$/],
  ['403', status(403), /^Could not download the pack: the server answered 403 Forbidden\.$/],
  ['a truncated body', truncated, /the download was cut short/],
  ['a wrong content type', document(v2, { contentType: 'image/png' }), /the server sent image\/png, not JSON or a web page/],
  ['a 200 MB Content-Length', hugeContentLength(200 * MB), new RegExp(`the document is 200 MB, larger than ${LIMIT_MB} MB, the limit for packs`)],
  ['an over-limit streamed body', streamed(MAX_PACK_BYTES + MB), new RegExp(`the document is larger than ${LIMIT_MB} MB, the limit for packs`)],
  ['invalid JSON', document('{"format": "crosscheck-pack", '), /not valid JSON/],
  ['a JSON document that is no pack', document({ hello: 'world' }), /not a Crosscheck pack .*nor schema\.org ClaimReview/s],
  [
    'a schema violation',
    document({ ...v2, claims: [{ ...(v2.claims as object[])[0], verdict: 'pants' }] }),
    /does not follow the format:\nclaims\[0\]\.verdict/,
  ],
  [
    'a javascript: source URL',
    document({ ...v2, sources: [{ id: 's1', url: 'javascript:alert(1)', title: 'x', publisher: 'y' }] }),
    /sources\[0\]\.url: an absolute http\(s\) URL/,
  ],
  [
    'deep nesting',
    document(`{"format": "crosscheck-pack", "deep": ${'['.repeat(5000)}${']'.repeat(5000)}}`),
    /nested more than 32 levels deep/,
  ],
  ['a rollback to an older version', document(packDocument(1)), /^The server offers version 1, older than the installed version 2\. The installed pack was kept\.$/],
  ['a different pack id', document(packDocument(3, { id: 'someone-else' })), /now offers the pack "someone-else", not "subscribed-desk"/],
];

describe('a failed sync leaves the installed pack as it was', () => {
  it.each(cases)('%s', async (_name, handler, message) => {
    const { db, service, onPacksChanged } = serviceFor(undefined, { now: () => 7_000 });
    const path = `/fail-${Math.random().toString(36).slice(2)}.json`;
    server.serve(path, document(packDocument(2), { etag: '"ok"' }));
    await service.subscribe(server.url(path));
    const before = await snapshot(db);
    const subBefore = (await db.subscriptions.get(server.url(path)))!;

    server.serve(path, handler);
    const reply = await service.sync(server.url(path));
    expect(reply.ok).toBe(false);
    const error = reply.ok ? '' : reply.error;
    expect(error).toMatch(message);

    expect(await snapshot(db)).toBe(before);
    const sub = await db.subscriptions.get(server.url(path));
    expect(sub).toEqual({ ...subBefore, lastAttempt: 7_000, lastError: error });
    expect(onPacksChanged).toHaveBeenCalledTimes(1);

    // The next good sync clears the error.
    server.serve(path, document(packDocument(2, { revised: [1] }), { etag: '"ok"' }));
    expect((await service.sync(server.url(path))).ok).toBe(true);
    expect((await db.subscriptions.get(server.url(path)))?.lastError).toBeUndefined();
  });

  it('a redirect loop', async () => {
    const { db, service } = serviceFor();
    server.serve('/loop.json', document(packDocument(2)));
    await service.subscribe(server.url('/loop.json'));
    const before = await snapshot(db);
    server.serve('/loop.json', redirectLoop('/loop-b.json'));
    server.serve('/loop-b.json', redirectLoop('/loop.json'));
    const reply = await service.sync(server.url('/loop.json'));
    expect(reply).toEqual({ ok: false, error: 'Could not download the pack: too many redirects.' });
    expect(await snapshot(db)).toBe(before);
    expect((await db.subscriptions.get(server.url('/loop.json')))?.lastError).toBe(
      'Could not download the pack: too many redirects.',
    );
  });

  it('a server that never answers (timeout)', async () => {
    const { db, service } = serviceFor(undefined, { timeoutMs: 300 });
    server.serve('/slow.json', document(packDocument(2)));
    await service.subscribe(server.url('/slow.json'));
    const before = await snapshot(db);
    server.serve('/slow.json', hang);
    const started = Date.now();
    const reply = await service.sync(server.url('/slow.json'));
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(reply).toEqual({ ok: false, error: `Could not download the pack: 127.0.0.1:${new URL(server.origin).port} did not answer within 0.3 s.` });
    expect(await snapshot(db)).toBe(before);
  });

  it('a server whose headers arrive and body never does (the timeout covers the body)', async () => {
    const { db, service } = serviceFor(undefined, { timeoutMs: 300 });
    server.serve('/stall.json', document(packDocument(2)));
    await service.subscribe(server.url('/stall.json'));
    const before = await snapshot(db);
    server.serve('/stall.json', headersOnly);
    const reply = await service.sync(server.url('/stall.json'));
    expect(!reply.ok && reply.error).toMatch(/did not answer within 0\.3 s/);
    expect(await snapshot(db)).toBe(before);
  });

  it('a subscription whose first sync fails stores nothing and reports the error', async () => {
    const { db, service, onPacksChanged } = serviceFor();
    server.serve('/never.json', status(500));
    expect(await service.subscribe(server.url('/never.json'))).toEqual({
      ok: false,
      error: 'Could not download the pack: server error (500).',
    });
    expect(await db.subscriptions.count()).toBe(0);
    expect(await db.packs.count()).toBe(0);
    expect(onPacksChanged).not.toHaveBeenCalled();
  });

  it('only http(s) URLs can be subscribed to', async () => {
    const { db, service } = serviceFor();
    for (const url of ['javascript:alert(1)', 'file:///etc/passwd', 'data:application/json,{}', 'ftp://example.org/p.json'])
      expect(await service.subscribe(url)).toEqual({
        ok: false,
        error: expect.stringMatching(/^Only http and https addresses can be subscribed to, not [a-z]+: addresses\.$/),
      });
    expect(await service.subscribe('packs/latest.json')).toEqual({
      ok: false,
      error: 'Enter the full address of a pack, starting with https:// (or http://).',
    });
    expect(await db.subscriptions.count()).toBe(0);
  });

  it('syncing a URL nobody subscribed to is an error', async () => {
    const { service } = serviceFor();
    expect(await service.sync(server.url('/nobody.json'))).toEqual({
      ok: false,
      error: `There is no subscription to ${server.url('/nobody.json')}.`,
    });
  });
});

describe('fetchPackDocument', () => {
  it('never throws and names what went wrong', async () => {
    expect(await fetchPackDocument('not a url')).toEqual({ status: 'error', error: 'not a valid URL' });
    expect(await fetchPackDocument('file:///etc/passwd')).toEqual({
      status: 'error',
      error: 'only http and https URLs can be fetched, not file',
    });
    // A port nothing listens on: the connection is refused.
    const closed = await startPackServer();
    const url = closed.url('/x.json');
    await closed.close();
    const refused = await fetchPackDocument(url);
    expect(refused).toMatchObject({ status: 'error', error: expect.stringMatching(/^could not reach 127\.0\.0\.1:\d+: .*ECONNREFUSED/) });
    // A fetch that throws something odd is still an answer.
    const odd = await fetchPackDocument('https://example.org/p.json', { fetch: async () => Promise.reject('boom') });
    expect(odd).toEqual({ status: 'error', error: 'could not reach example.org: boom' });
  });

  it('tells a redirect loop from an unreachable server where the browser gives no reason', async () => {
    const browserFetch = (redirects: boolean) =>
      (async (_url: RequestInfo | URL, init?: RequestInit) => {
        if (init?.redirect === 'manual' && redirects) return new Response(null, { status: 302, headers: { Location: '/x' } });
        throw new TypeError('Failed to fetch');
      }) as typeof fetch;
    expect(await fetchPackDocument('https://example.org/p.json', { fetch: browserFetch(true) })).toEqual({
      status: 'error',
      error: 'the server redirects in a loop, or to an address that cannot be fetched (only http and https addresses are followed)',
    });
    expect(await fetchPackDocument('https://example.org/p.json', { fetch: browserFetch(false) })).toEqual({
      status: 'error',
      error: 'could not reach example.org: the connection failed (the server may be down or unreachable)',
    });
  });

  it('accepts JSON, JSON-LD, text and HTML, and decodes the declared charset', async () => {
    for (const type of ['application/json', 'application/ld+json', 'text/json', 'text/plain', 'text/html', 'application/octet-stream']) {
      server.serve('/typed', document('{"a": 1}', { contentType: `${type}; charset=utf-8` }));
      expect(await fetchPackDocument(server.url('/typed'))).toMatchObject({ status: 'ok', contentType: type, text: '{"a": 1}' });
    }
    server.serve('/latin1', (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain; charset=iso-8859-1' }).end(Buffer.from([0x22, 0xe9, 0x22]));
    });
    expect(await fetchPackDocument(server.url('/latin1'))).toMatchObject({ status: 'ok', text: '"é"', byteLength: 3 });
  });
});
