import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isSitePaused } from '../../src/background/site-preferences';
import type { MessageSender } from '../../src/background/sender-check';
import type { CrosscheckDatabase } from '../../src/db/crosscheck-database';
import { ensureDemoPack } from '../../src/db/ensure-demo-pack';
import { installPack } from '../../src/db/install-pack';
import { recordKey } from '../../src/db/records';
import type { MatchPageReply, TabClaimsReply } from '../../src/messaging/protocol';
import { DEMO_PACK_ID } from '../../src/packs/demo-pack';
import { contentSender, EXTENSION_ID, EXTENSION_ORIGIN, messageHarness, popupSender } from './support/message-harness';
import { demoPackCopy, freshDatabase, smallPack } from './support/test-database';

const OPEN_TABS = [
  { id: 1, url: 'https://a.example/news/1' },
  { id: 2, url: 'http://a.example/news/2' },
  { id: 3, url: 'https://b.example/' },
  { id: 4, url: 'https://www.a.example/' },
];
const TAB = OPEN_TABS[0]!;

const demoClaim = demoPackCopy().claims.find((c) => c.id === 'nk-troops-10k-12k-2024')!;
const demoKey = recordKey(DEMO_PACK_ID, demoClaim.id);
const demoText = `Officials disagree. ${demoClaim.phrasings[0]}, they said.`;

const matchPage = (text: string) => ({ type: 'content/match-page', mode: 'replace', segments: [{ id: 0, text }] });

let db: CrosscheckDatabase;
let harness: ReturnType<typeof messageHarness>;
beforeEach(async () => {
  db = freshDatabase();
  await ensureDemoPack(db);
  harness = messageHarness(db, OPEN_TABS);
});
afterEach(() => db.delete());

const sentTo = () => harness.tabs.send.mock.calls.map(([tabId, message]) => [tabId, message.type]);

describe('background: messages from extension pages', () => {
  it.each<[string, MessageSender]>([
    ['a web page', { id: EXTENSION_ID, url: 'https://evil.example/popup.html', origin: 'https://evil.example' }],
    ['a content script', contentSender(TAB.id, TAB.url)],
    ['another extension', { id: 'otherextension', url: 'chrome-extension://otherextension/popup.html' }],
    ['a sender without a URL', { id: EXTENSION_ID }],
  ])('refuses a UI request from %s and changes nothing', async (_, sender) => {
    const reply = await harness.handle({ type: 'ui/set-site-paused', host: 'a.example', paused: true }, sender);
    expect(reply).toMatchObject({ ok: false, error: expect.any(String) });
    expect(await isSitePaused(db, 'a.example')).toBe(false);
    expect(harness.tabs.send).not.toHaveBeenCalled();
    expect(await harness.handle({ type: 'ui/packs-changed' }, sender)).toMatchObject({ ok: false });
    expect(harness.tabs.send).not.toHaveBeenCalled();
  });

  it('refuses a malformed UI request', async () => {
    expect(await harness.handle({ type: 'ui/set-site-paused', host: '', paused: true }, popupSender)).toMatchObject({ ok: false });
    expect(await harness.handle({ type: 'ui/tab-claims', tabId: '1' }, popupSender)).toMatchObject({ ok: false });
    expect(await harness.handle({ type: 'ui/unknown' }, popupSender)).toMatchObject({ ok: false });
  });

  it('pausing a site clears its tabs only, and resuming re-scans them', async () => {
    expect(await harness.handle({ type: 'ui/set-site-paused', host: 'a.example', paused: true }, popupSender)).toEqual({ ok: true });
    expect(await isSitePaused(db, 'a.example')).toBe(true);
    expect(sentTo()).toEqual([
      [1, 'background/clear'],
      [2, 'background/clear'],
    ]);
    expect(harness.tabState.clear.mock.calls.map(([tabId]) => tabId)).toEqual([1, 2]);
    expect(await harness.handle(matchPage(demoText), contentSender(TAB.id, TAB.url))).toEqual({ ok: true, paused: true });

    harness.tabs.send.mockClear();
    harness.tabState.clear.mockClear();
    expect(await harness.handle({ type: 'ui/set-site-paused', host: 'a.example', paused: false }, popupSender)).toEqual({ ok: true });
    expect(await isSitePaused(db, 'a.example')).toBe(false);
    expect(sentTo()).toEqual([
      [1, 'background/rescan'],
      [2, 'background/rescan'],
    ]);
    expect(harness.tabState.clear).not.toHaveBeenCalled();
    expect(await harness.handle(matchPage(demoText), contentSender(TAB.id, TAB.url))).toMatchObject({ ok: true, paused: false });
  });

  it('after packs-changed, a pack installed since the last match is found and every tab re-scans', async () => {
    const first = (await harness.handle(matchPage(demoText), contentSender(TAB.id, TAB.url))) as MatchPageReply;
    expect(first).toMatchObject({ ok: true, hits: [{ claim: demoKey }] });

    const phrasing = 'Cats can see in total darkness';
    await installPack(
      db,
      smallPack({ id: 'second-pack', claims: [{ id: 'cats', statement: phrasing, phrasings: [phrasing], verdict: 'false' }] }),
    );
    expect(await harness.handle({ type: 'ui/packs-changed' }, popupSender)).toEqual({ ok: true });
    // (besides the rest of the first page's answer, from a worker that had just started)
    expect(sentTo().filter(([, type]) => type !== 'background/more-hits')).toEqual(OPEN_TABS.map((tab) => [tab.id, 'background/rescan']));

    const page = `Some say: ${phrasing}. ${demoText}`;
    const reply = (await harness.handle(matchPage(page), contentSender(TAB.id, TAB.url))) as MatchPageReply;
    if (!reply.ok || reply.paused) throw new Error(`unexpected reply ${JSON.stringify(reply)}`);
    expect(reply.hits.map((hit) => hit.claim)).toEqual([recordKey('second-pack', 'cats'), demoKey]);
    expect(reply.claims[recordKey('second-pack', 'cats')]?.statement).toBe(phrasing);
  });

  it('tab-claims returns the claims recorded for the tab, as the page got them', async () => {
    const page = `${demoText} Later: ${demoClaim.phrasings[0]}.`;
    const match = (await harness.handle(matchPage(page), contentSender(TAB.id, TAB.url))) as MatchPageReply;
    if (!match.ok || match.paused) throw new Error('expected hits');
    const occurrences = match.hits.filter((hit) => hit.claim === demoKey).length;
    expect(occurrences).toBe(2);

    const reply = (await harness.handle({ type: 'ui/tab-claims', tabId: TAB.id }, popupSender)) as TabClaimsReply;
    expect(reply).toEqual({
      ok: true,
      url: TAB.url,
      host: new URL(TAB.url).hostname,
      paused: false,
      claims: [match.claims[demoKey]],
      notices: [],
    });
  });

  it('tab-claims of a tab with no matches lists nothing, and of a closed tab is an error', async () => {
    const reply = await harness.handle({ type: 'ui/tab-claims', tabId: 3 }, popupSender);
    expect(reply).toMatchObject({ ok: true, host: 'b.example', claims: [] });
    expect(await harness.handle({ type: 'ui/tab-claims', tabId: 99 }, popupSender)).toMatchObject({ ok: false });
  });

  it('reveal-claim is passed on to that tab only', async () => {
    const reply = await harness.handle({ type: 'ui/reveal-claim', tabId: 3, claim: demoKey }, popupSender);
    expect(reply).toEqual({ ok: true });
    expect(harness.tabs.send.mock.calls).toEqual([[3, { type: 'background/reveal', claim: demoKey }]]);
  });

  it('accepts any page of our own origin', async () => {
    const options: MessageSender = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/options.html#packs` };
    expect(await harness.handle({ type: 'ui/tab-claims', tabId: 3 }, options)).toMatchObject({ ok: true });
  });
});
