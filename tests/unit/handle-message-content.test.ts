import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MessageSender } from '../../src/background/sender-check';
import { setSitePaused } from '../../src/background/site-preferences';
import type { CrosscheckDatabase } from '../../src/db/crosscheck-database';
import { ensureDemoPack } from '../../src/db/ensure-demo-pack';
import { recordKey } from '../../src/db/records';
import { MAX_SEGMENTS, type MatchPageReply, type TabClaimsReply } from '../../src/messaging/protocol';
import { DEMO_PACK_ID } from '../../src/packs/demo-pack';
import { contentSender, messageHarness, popupSender } from './support/message-harness';
import { demoPackCopy, freshDatabase } from './support/test-database';

const PAGE = 'https://news.example/world/2025/soldiers.html';
const TAB = 7;

const demo = demoPackCopy();
const claim = demo.claims.find((c) => c.id === 'ukraine-3000-nk-deaths')!;
const claimKey = recordKey(DEMO_PACK_ID, claim.id);
const phrasing = claim.phrasings[0]!;
const before = 'In a briefing on Monday, officials said that ';
const text = `${before}${phrasing}, a figure that could not be confirmed.`;

const matchPage = (segments: { id: number; text: unknown }[], mode = 'replace') => ({
  type: 'content/match-page',
  mode,
  segments,
});

let db: CrosscheckDatabase;
let harness: ReturnType<typeof messageHarness>;
beforeEach(async () => {
  db = freshDatabase();
  await ensureDemoPack(db);
  harness = messageHarness(db, [{ id: TAB, url: PAGE }]);
});
afterEach(() => db.delete());

const expectRefused = (reply: unknown) => {
  expect(reply).toMatchObject({ ok: false, error: expect.any(String) });
  expect(harness.tabState.record).not.toHaveBeenCalled();
  expect(harness.tabState.clear).not.toHaveBeenCalled();
};

describe('background: content script messages', () => {
  it('returns the hit at its offsets with the claim and its evidence, and records the tab', async () => {
    const reply = (await harness.handle(
      matchPage([
        { id: 0, text: 'A paragraph about something else entirely.' },
        { id: 3, text },
      ]),
      contentSender(TAB, PAGE),
    )) as MatchPageReply;

    if (!reply.ok || reply.paused) throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
    expect(reply.hits).toEqual([{ segment: 3, start: before.length, end: before.length + phrasing.length, claim: claimKey }]);
    expect(text.slice(reply.hits[0]!.start, reply.hits[0]!.end)).toBe(phrasing);
    expect(Object.keys(reply.claims)).toEqual([claimKey]);
    const view = reply.claims[claimKey]!;
    expect(view).toMatchObject({ statement: claim.statement, verdict: claim.verdict, pack: { name: demo.name } });
    expect(view.evidence.map((e) => [e.quote, e.source.url])).toEqual(
      claim.evidence.map((e) => [e.quote, demo.sources.find((s) => s.id === e.source)!.url]),
    );

    await vi.waitFor(() => expect(harness.tabState.record).toHaveBeenCalledTimes(1));
    expect(harness.tabState.record).toHaveBeenCalledWith(TAB, PAGE, [claimKey], 'replace', []);
  });

  it('does not highlight a sentence with other figures, and lists it for the popup with both figures', async () => {
    const changed = `The troops have suffered heavy losses. ${phrasing.replace('3,000', '300')}. More follows.`;
    const reply = (await harness.handle(matchPage([{ id: 0, text: changed }]), contentSender(TAB, PAGE))) as MatchPageReply;
    if (!reply.ok || reply.paused) throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
    expect(reply.hits).toEqual([]);
    // A worker just started answers from its known phrasings first; the rest adds no highlight either.
    await vi.waitFor(() =>
      expect(harness.tabs.send).toHaveBeenCalledWith(TAB, { type: 'background/more-hits', segments: [0], hits: [], claims: {} }),
    );
    const popup = await vi.waitFor(async () => {
      const reply = (await harness.handle({ type: 'ui/tab-claims', tabId: TAB }, popupSender)) as TabClaimsReply;
      if (!reply.ok) throw new Error('no popup reply');
      expect(reply.notices).toHaveLength(1);
      return reply;
    });
    expect(popup.claims).toEqual([]);
    const { notice, claim: view } = popup.notices[0]!;
    expect(notice).toMatchObject({ claim: claimKey, tier: 'numbers-differ', pageFigures: ['300'], claimFigures: ['3,000'] });
    expect(notice.passage).toBe(`${phrasing.replace('3,000', '300')}.`);
    expect(notice.claimWording).toContain('3,000');
    expect(view.evidence.length).toBeGreaterThan(0);
  });

  it('from a worker just started: answers the known phrasings first, then sends the rest, and the popup lists all', async () => {
    const other = demo.claims.find((c) => c.id === 'nk-13000-workers-2024')!;
    const otherKey = recordKey(DEMO_PACK_ID, other.id);
    const said = `Officials say ${other.statement}`;
    const page = [{ id: 0, text }, { id: 1, text: said }];
    const session = '0123456789abcdef';
    const reply = (await harness.handle({ ...matchPage(page), session }, contentSender(TAB, PAGE))) as MatchPageReply;
    expect(reply).toMatchObject({ ok: true, paused: false, more: true, hits: [{ segment: 0, claim: claimKey }] });
    expect(Object.keys((reply as { claims: object }).claims)).toEqual([claimKey]);
    await vi.waitFor(() => expect(harness.tabs.send).toHaveBeenCalled());
    const start = said.indexOf(other.statement.slice(0, 10));
    expect(harness.tabs.send.mock.calls).toEqual([
      [
        TAB,
        {
          type: 'background/more-hits',
          session,
          segments: [0, 1],
          hits: [{ segment: 1, start, end: expect.any(Number), claim: otherKey }],
          claims: { [otherKey]: expect.objectContaining({ statement: other.statement }) },
        },
      ],
    ]);
    await vi.waitFor(async () => {
      const popup = (await harness.handle({ type: 'ui/tab-claims', tabId: TAB }, popupSender)) as TabClaimsReply;
      expect(popup.ok && popup.claims.map((c) => c.key).sort()).toEqual([claimKey, otherKey].sort());
    });
    // The whole index is in memory now: the next page is answered in full at once.
    const again = (await harness.handle(matchPage(page, 'append'), contentSender(TAB, PAGE))) as MatchPageReply;
    expect(again).not.toHaveProperty('more');
    expect(again.ok && !again.paused && again.hits.map((hit) => hit.claim)).toEqual([claimKey, otherKey]);
  });

  it('tells the page when the rest of its answer cannot be had, so it stops waiting, and keeps what it showed', async () => {
    vi.spyOn(harness.matcher, 'complete').mockRejectedValueOnce(new Error('disk is busy'));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const reply = (await harness.handle(matchPage([{ id: 4, text }]), contentSender(TAB, PAGE))) as MatchPageReply;
    expect(reply).toMatchObject({ ok: true, more: true, hits: [{ claim: claimKey }] });
    await vi.waitFor(() =>
      expect(harness.tabs.send).toHaveBeenCalledWith(TAB, { type: 'background/more-hits', segments: [4], hits: [], claims: {} }),
    );
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('could not complete'), expect.any(Error));
    await vi.waitFor(async () => expect(await harness.tabState.read(TAB)).toEqual({ url: PAGE, claims: [claimKey], notices: [] }));
  });

  it('does not send the rest of the answer to a page replaced meanwhile', async () => {
    const other = demo.claims.find((c) => c.id === 'nk-13000-workers-2024')!;
    // The whole index is held back until both pages have asked, so both are answered in part.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const complete = harness.matcher.complete.bind(harness.matcher);
    vi.spyOn(harness.matcher, 'complete').mockImplementation(async (segments) => {
      await held;
      return complete(segments);
    });
    await harness.handle(matchPage([{ id: 0, text: `Officials say ${other.statement}` }]), contentSender(TAB, PAGE));
    await harness.handle(matchPage([{ id: 5, text: 'A page about the weather.' }]), contentSender(TAB, PAGE));
    release();
    await vi.waitFor(() => expect(harness.tabs.send).toHaveBeenCalled());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(harness.tabs.send.mock.calls.map(([, message]) => message)).toEqual([
      { type: 'background/more-hits', segments: [5], hits: [], claims: {} },
    ]);
    expect(await harness.tabState.read(TAB)).toEqual({ url: PAGE, claims: [], notices: [] });
  });

  it('records a claim found in several passages once, so re-read blocks add nothing twice', async () => {
    const reply = (await harness.handle(
      matchPage([{ id: 0, text }, { id: 1, text: `Again: ${phrasing}.` }], 'append'),
      contentSender(TAB, PAGE),
    )) as MatchPageReply;
    expect(reply.ok && !reply.paused && reply.hits.length).toBe(2);
    await vi.waitFor(() => expect(harness.tabState.record).toHaveBeenCalledWith(TAB, PAGE, [claimKey], 'append', []));
    await harness.handle(matchPage([{ id: 2, text }], 'append'), contentSender(TAB, PAGE));
    expect(await harness.tabState.read(TAB)).toEqual({ url: PAGE, claims: [claimKey], notices: [] });
  });

  it('answers the page without possible matches, and lists them in the popup once found', async () => {
    const loose = 'Thousands of North Korean troops were sent to fight for Russia in 2024.';
    const reply = (await harness.handle(matchPage([{ id: 0, text: loose }]), contentSender(TAB, PAGE))) as MatchPageReply;
    expect(reply).toMatchObject({ ok: true, paused: false, hits: [] });
    await vi.waitFor(() => expect(harness.tabState.record).toHaveBeenCalledTimes(2));
    expect(harness.tabState.record).toHaveBeenNthCalledWith(1, TAB, PAGE, [], 'replace', []);
    const popup = (await harness.handle({ type: 'ui/tab-claims', tabId: TAB }, popupSender)) as TabClaimsReply;
    if (!popup.ok) throw new Error('no popup reply');
    expect(popup.notices.map(({ notice }) => [notice.tier, notice.claim, notice.passage])).toEqual([
      ['possible', recordKey(DEMO_PACK_ID, 'nk-troops-10k-12k-2024'), loose],
    ]);
  });

  it('drops the possible matches of a page whose site is paused from the popup while they are looked for', async () => {
    const loose = 'Thousands of North Korean troops were sent to fight for Russia in 2024.';
    // A long page, so the search is still going through its slices when the site is paused.
    const filler = Array.from({ length: 800 }, (_, i) => `Paragraph ${i} is about the weather in the mountains.`).join('\u2029');
    await harness.handle(matchPage([{ id: 0, text: `${filler}\u2029${loose}` }]), contentSender(TAB, PAGE));
    expect(await harness.handle({ type: 'ui/set-site-paused', host: 'news.example', paused: true }, popupSender)).toEqual({ ok: true });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await harness.tabState.read(TAB)).toBeNull();
  });

  it('drops the possible matches of a page that was replaced before they were found', async () => {
    const loose = 'Thousands of North Korean troops were sent to fight for Russia in 2024.';
    await harness.handle(matchPage([{ id: 0, text: loose }]), contentSender(TAB, PAGE));
    await harness.handle(matchPage([{ id: 0, text: 'A page about the weather.' }]), contentSender(TAB, PAGE));
    await vi.waitFor(() => expect(harness.tabState.record).toHaveBeenCalledTimes(2));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(harness.tabState.record).toHaveBeenCalledTimes(2);
    expect(await harness.tabState.read(TAB)).toEqual({ url: PAGE, claims: [], notices: [] });
  });

  const proper = contentSender(TAB, PAGE);
  const { tab: _tab, ...withoutTab } = proper;
  it.each<[string, MessageSender]>([
    ['another extension', { ...proper, id: 'someotherextensionid' }],
    ['a sub-frame', { ...proper, frameId: 2 }],
    ['a file:// page', contentSender(TAB, 'file:///home/user/article.html')],
    ['a chrome:// page', { ...proper, url: 'chrome://settings/', origin: 'chrome://settings' }],
    ['a sender without a tab', withoutTab],
    ['a sender without an id', { ...proper, id: undefined }],
  ])('refuses a match request from %s', async (_, sender) => {
    expectRefused(await harness.handle(matchPage([{ id: 0, text }]), sender));
  });

  it.each<[string, unknown]>([
    ['missing segments', { type: 'content/match-page', mode: 'replace' }],
    ['a text that is not a string', matchPage([{ id: 0, text: 42 }])],
    ['a negative segment id', matchPage([{ id: -1, text }])],
    [`${MAX_SEGMENTS + 1} segments`, matchPage(Array.from({ length: MAX_SEGMENTS + 1 }, (_, id) => ({ id, text: 'x' })))],
    ['an unknown mode', matchPage([{ id: 0, text }], 'overwrite')],
    ['a session id that is not 16 hex digits', { ...matchPage([{ id: 0, text }]), session: '<script>' }],
    ['an unknown type', { type: 'content/read-cookies', segments: [] }],
    ['a UI request', { type: 'ui/set-site-paused', host: 'news.example', paused: true }],
    ['null', null],
    ['a string', 'content/match-page'],
  ])('refuses a malformed message: %s', async (_, message) => {
    expectRefused(await harness.handle(message, contentSender(TAB, PAGE)));
  });

  it(`accepts ${MAX_SEGMENTS} segments`, async () => {
    const segments = Array.from({ length: MAX_SEGMENTS }, (_, id) => ({ id, text: id === MAX_SEGMENTS - 1 ? text : 'x' }));
    const reply = (await harness.handle(matchPage(segments), contentSender(TAB, PAGE))) as MatchPageReply;
    expect(reply).toMatchObject({ ok: true, paused: false, hits: [{ segment: MAX_SEGMENTS - 1, claim: claimKey }] });
  });

  it('tells a paused site it is paused, finds nothing and clears the tab', async () => {
    await setSitePaused(db, new URL(PAGE).hostname, true);
    const reply = await harness.handle(matchPage([{ id: 0, text }]), contentSender(TAB, PAGE));
    expect(reply).toEqual({ ok: true, paused: true });
    expect(harness.tabState.clear).toHaveBeenCalledWith(TAB);
    expect(harness.tabState.record).not.toHaveBeenCalled();
  });

  it('pausing a parent domain or a subdomain leaves this site working', async () => {
    await setSitePaused(db, 'example', true);
    await setSitePaused(db, `www.${new URL(PAGE).hostname}`, true);
    const reply = await harness.handle(matchPage([{ id: 0, text }]), contentSender(TAB, PAGE));
    expect(reply).toMatchObject({ ok: true, paused: false, hits: [{ claim: claimKey }] });
  });

  it('still highlights the page when recording the tab’s claims fails', async () => {
    harness.tabState.record.mockRejectedValueOnce(new Error('storage is gone'));
    const reply = (await harness.handle(matchPage([{ id: 0, text }]), contentSender(TAB, PAGE))) as MatchPageReply;
    expect(reply.ok && !reply.paused && reply.hits.map((hit) => hit.claim)).toEqual([claimKey]);
  });

  it('answers with an error value when the database fails', async () => {
    vi.spyOn(harness.matcher, 'match').mockRejectedValueOnce(new Error('database is gone'));
    const reply = await harness.handle(matchPage([{ id: 0, text }]), contentSender(TAB, PAGE));
    expect(reply).toEqual({ ok: false, error: expect.stringContaining('database is gone') });
  });
});
