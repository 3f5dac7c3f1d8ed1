import { beforeEach, describe, expect, it, vi } from 'vitest';
import { OWN_PACK_ID } from '../../src/annotations/annotation-record';
import type { CrosscheckDatabase } from '../../src/db/crosscheck-database';
import { installPack } from '../../src/db/install-pack';
import { removePack } from '../../src/db/remove-pack';
import { annotationKey, type ClaimView } from '../../src/messaging/claim-view';
import type { TabClaimsReply } from '../../src/messaging/protocol';
import { contentSender, EXTENSION_ORIGIN, EXTENSION_ID, messageHarness, popupSender } from './support/message-harness';
import { demoPackCopy, freshDatabase } from './support/test-database';
import { getClaim } from '../../src/db/claim-chunks';

/**
 * The annotator's flow through the background, as the content script and the tagging panel drive
 * it: describe a passage, save it with a claim and sources, see it on the page, edit, delete and
 * undo, re-attach, and what hostile pages cannot do.
 */
const PAGE = 'https://news.example/world/soldiers?ref=home';
const QUOTE = 'Pyongyang has sent some 11,000 soldiers to fight for Russia';
const target = {
  quote: { type: 'TextQuoteSelector' as const, exact: QUOTE, prefix: 'Officials say that ', suffix: ', mostly to Kursk.' },
  position: { type: 'TextPositionSelector' as const, start: 120, end: 120 + QUOTE.length },
};
const panelSender = { id: EXTENSION_ID, url: `${EXTENSION_ORIGIN}/annotate.html?draft=x`, origin: EXTENSION_ORIGIN, frameId: 3, tab: { id: 7, url: PAGE } };

let db: CrosscheckDatabase;
let harness: ReturnType<typeof messageHarness>;

beforeEach(async () => {
  db = freshDatabase();
  await installPack(db, demoPackCopy(), { builtIn: true });
  harness = messageHarness(db, [
    { id: 7, url: `${PAGE}#section-2` },
    { id: 8, url: 'https://other.example/' },
  ]);
});

async function tag(tabId = 7, url = `${PAGE}#section-2`): Promise<string> {
  const reply = (await harness.handle({ type: 'content/tag-selection', target, pageTitle: '  Soldiers in Kursk ' }, contentSender(tabId, url))) as {
    ok: boolean;
    draftId: string;
  };
  expect(reply.ok).toBe(true);
  return reply.draftId;
}

async function saveOwn(draftId: string, extra: Record<string, unknown> = {}): Promise<string> {
  const reply = (await harness.handle(
    {
      type: 'ui/save-annotation',
      draftId,
      claim: { kind: 'own', statement: 'North Korea sent about 11,000 soldiers to Russia.', verdict: 'mostly-true', summary: 'Per South Korean intelligence.' },
      tags: ['troops', 'kursk'],
      sources: [
        { url: 'https://agency.example/report', title: 'Intelligence briefing', publisher: 'Agency', stance: 'supports', quote: 'about 11,000' },
        { url: 'https://kremlin.example/denial', title: 'Denial', publisher: 'Kremlin', stance: 'contradicts', quote: 'fake news' },
      ],
      ...extra,
    },
    panelSender,
  )) as { ok: boolean; id: string; error?: string };
  expect(reply).toMatchObject({ ok: true });
  return reply.id;
}

const pageAnnotations = async (url = PAGE, tabId = 7) =>
  (await harness.handle({ type: 'content/page-annotations' }, contentSender(tabId, url))) as {
    ok: true;
    paused: boolean;
    annotations: Array<{ id: string; target: typeof target; view: ClaimView }>;
  };

describe('tagging a passage', () => {
  it('saves the passage with a new claim of the user, shows it on the page, and tells the open tab at once', async () => {
    const id = await saveOwn(await tag());
    const stored = await db.annotations.get(id);
    expect(stored).toMatchObject({ pageUrl: PAGE, site: 'news.example', pageTitle: 'Soldiers in Kursk', tags: ['troops', 'kursk'] });
    expect(stored?.target.quote.exact).toBe(QUOTE);
    expect(stored?.claimKey.startsWith(`${OWN_PACK_ID}/`)).toBe(true);
    // the tab showing that page (whatever its fragment) re-anchors; the other tab is left alone
    expect(harness.tabs.send).toHaveBeenCalledWith(7, { type: 'background/annotations-changed' });
    expect(harness.tabs.send).not.toHaveBeenCalledWith(8, expect.anything());

    const { annotations } = await pageAnnotations(`${PAGE}#elsewhere`);
    expect(annotations).toHaveLength(1);
    const view = annotations[0]!.view;
    expect(view.key).toBe(annotationKey(id));
    expect(view.verdict).toBe('mostly-true');
    expect(view.evidence.map((e) => [e.stance, e.source.publisher])).toEqual([
      ['supports', 'Agency'],
      ['contradicts', 'Kremlin'],
    ]);
  });

  it('puts the new claim in the user’s own pack, where the matcher finds it on other pages', async () => {
    await saveOwn(await tag());
    const own = await db.packs.get(OWN_PACK_ID);
    expect(own).toMatchObject({ name: 'Your claims', claimCount: 1, sourceCount: 2 });
    const reply = (await harness.handle(
      { type: 'content/match-page', mode: 'replace', segments: [{ id: 0, text: `A wire story: ${QUOTE}, officials said.` }] },
      contentSender(8, 'https://other.example/'),
    )) as { ok: true; hits: Array<{ claim: string }> };
    expect(reply.hits.map((hit) => hit.claim.startsWith(`${OWN_PACK_ID}/`))).toContain(true);
  });

  it('does not highlight the own claim a second time on the page its annotation is on', async () => {
    await saveOwn(await tag());
    const reply = (await harness.handle(
      { type: 'content/match-page', mode: 'replace', segments: [{ id: 0, text: `Officials say that ${QUOTE}, mostly to Kursk.` }] },
      contentSender(7, PAGE),
    )) as { ok: true; hits: Array<{ claim: string }> };
    expect(reply.hits.filter((hit) => hit.claim.startsWith(`${OWN_PACK_ID}/`))).toEqual([]);
  });

  it('does not list the own claim as a possible match on the page its annotation is on either', async () => {
    await saveOwn(await tag());
    // One paragraph loosely states the own claim, another a claim of the demo pack.
    const loose = 'Thousands of North Korean soldiers were sent to Russia, officials said.';
    const demoLoose = 'Thousands of North Korean troops were sent to fight for Russia in 2024.';
    /** The claims listed as possible once the search after the reply has recorded its finds. */
    const possibleClaims = async (tabId: number, url: string) => {
      await harness.handle({ type: 'content/match-page', mode: 'replace', segments: [{ id: 0, text: loose }, { id: 1, text: demoLoose }] }, contentSender(tabId, url));
      let listed: string[] = [];
      await vi.waitFor(async () => {
        const popup = (await harness.handle({ type: 'ui/tab-claims', tabId }, popupSender)) as TabClaimsReply;
        if (!popup.ok) throw new Error('no popup reply');
        listed = popup.notices.filter(({ notice }) => notice.tier === 'possible').map(({ notice }) => notice.claim);
        expect(listed.length).toBeGreaterThan(0);
      });
      return listed;
    };
    const demoClaim = `${demoPackCopy().id}/nk-troops-10k-12k-2024`;
    const elsewhere = await possibleClaims(8, 'https://other.example/');
    expect(elsewhere).toContain(demoClaim);
    expect(elsewhere.some((claim) => claim.startsWith(`${OWN_PACK_ID}/`))).toBe(true);
    // On the annotated page the demo pack's possible match is listed, the own claim is not.
    const here = await possibleClaims(7, PAGE);
    expect(here).toContain(demoClaim);
    expect(here.filter((claim) => claim.startsWith(`${OWN_PACK_ID}/`))).toEqual([]);
  });

  it('attaches a passage to an existing claim of a pack, keeping its statement if the pack goes', async () => {
    const demo = demoPackCopy();
    const claim = demo.claims[0]!;
    const reply = (await harness.handle(
      { type: 'ui/save-annotation', draftId: await tag(), claim: { kind: 'existing', claimKey: `${demo.id}/${claim.id}` }, tags: [], sources: [] },
      panelSender,
    )) as { ok: true; id: string };
    expect((await pageAnnotations()).annotations[0]!.view).toMatchObject({ statement: claim.statement, verdict: claim.verdict, pack: { id: demo.id } });
    expect((await db.packs.get(OWN_PACK_ID))?.claimCount ?? 0).toBe(0);

    await removePack(db, demo.id);
    harness.views.clear();
    const after = (await pageAnnotations()).annotations;
    expect(after.map((a) => [a.id, a.view.statement, a.view.verdict])).toEqual([[reply.id, claim.statement, claim.verdict]]);
  });

  it('answers the panel’s reads (search, the annotation being edited) from the background', async () => {
    const found = (await harness.handle({ type: 'ui/search-claims', query: 'groundless rumors' }, panelSender)) as {
      ok: true;
      claims: Array<{ key: string; pack: string }>;
    };
    expect(found.claims.map((c) => c.key)).toEqual([`${demoPackCopy().id}/nk-troops-groundless-rumors`]);
    expect(found.claims[0]!.pack).toBe(demoPackCopy().name);
    const id = await saveOwn(await tag());
    const reply = (await harness.handle({ type: 'ui/get-annotation', id }, panelSender)) as { ok: true; annotation: { id: string }; claim: { statement: string } };
    expect(reply.annotation.id).toBe(id);
    expect(reply.claim.statement).toBe('North Korea sent about 11,000 soldiers to Russia.');
    // not to pages
    expect(await harness.handle({ type: 'ui/get-annotation', id }, contentSender(7, PAGE))).toMatchObject({ ok: false });
  });

  it('saves a long passage (over a phrasing’s 600 characters) and shows it on its page', async () => {
    const long = `${QUOTE}, ${'and the officials added many more details about the deployment '.repeat(11)}`.slice(0, 750);
    const reply = (await harness.handle(
      { type: 'content/tag-selection', target: { quote: { type: 'TextQuoteSelector', exact: long, prefix: '', suffix: '' } }, pageTitle: 'Long' },
      contentSender(7, PAGE),
    )) as { ok: true; draftId: string };
    const saved = (await harness.handle(
      { type: 'ui/save-annotation', draftId: reply.draftId, claim: { kind: 'own', statement: long, verdict: 'mixed' } },
      panelSender,
    )) as { ok: boolean; id: string };
    expect(saved.ok).toBe(true);
    expect((await pageAnnotations()).annotations.map((a) => a.target.quote.exact)).toEqual([long]);
  });

  it('names what is wrong with a bad form and stores nothing', async () => {
    const draftId = await tag();
    const reply = (await harness.handle(
      {
        type: 'ui/save-annotation',
        draftId,
        claim: { kind: 'own', statement: 'A claim', verdict: 'true' },
        sources: [{ url: 'javascript:alert(1)', title: 'x', stance: 'supports' }],
      },
      panelSender,
    )) as { ok: boolean; error: string };
    expect(reply.ok).toBe(false);
    expect(await db.annotations.count()).toBe(0);

    const lost = (await harness.handle(
      { type: 'ui/save-annotation', draftId: 'no-such-draft', claim: { kind: 'own', statement: 'A claim here', verdict: 'true' } },
      panelSender,
    )) as { ok: boolean; error: string };
    expect(lost).toEqual({ ok: false, error: expect.stringMatching(/select it again/) });
    expect(await db.annotations.count()).toBe(0);
  });
});

describe('editing and deleting', () => {
  it('edits the own claim everywhere it is attached', async () => {
    const first = await saveOwn(await tag());
    const own = (await db.annotations.get(first))!.claimKey;
    const second = (await harness.handle(
      { type: 'ui/save-annotation', draftId: await tag(), claim: { kind: 'existing', claimKey: own } },
      panelSender,
    )) as { ok: true; id: string };
    await harness.handle(
      { type: 'ui/save-annotation', id: first, claim: { kind: 'own', statement: 'North Korea sent 12,000 troops.', verdict: 'mixed' }, tags: ['edited'] },
      panelSender,
    );
    expect((await db.annotations.get(second.id))?.claim).toMatchObject({ statement: 'North Korea sent 12,000 troops.', verdict: 'mixed' });
    expect((await getClaim(db, own))?.statement).toBe('North Korea sent 12,000 troops.');
    expect((await db.annotations.get(first))?.tags).toEqual(['edited']);
  });

  it('deletes with undo: the highlight and the own claim go, and come back whole', async () => {
    const id = await saveOwn(await tag());
    const before = await db.annotations.get(id);
    harness.tabs.send.mockClear();
    expect(await harness.handle({ type: 'ui/delete-annotation', id }, popupSender)).toEqual({ ok: true });
    expect((await pageAnnotations()).annotations).toEqual([]);
    expect((await db.packs.get(OWN_PACK_ID))?.claimCount).toBe(0);
    expect(harness.tabs.send).toHaveBeenCalledWith(7, { type: 'background/annotations-changed' });

    expect(await harness.handle({ type: 'ui/restore-annotation', id }, popupSender)).toEqual({ ok: true });
    expect(await db.annotations.get(id)).toEqual(before);
    expect((await db.packs.get(OWN_PACK_ID))?.claimCount).toBe(1);
    expect((await pageAnnotations()).annotations.map((a) => a.id)).toEqual([id]);
  });
});

describe('anchoring states and re-attaching', () => {
  it('records what the page found, for that page’s annotations only', async () => {
    const mine = await saveOwn(await tag());
    const elsewhere = await saveOwn(await tag(8, 'https://other.example/'));
    await harness.handle(
      {
        type: 'content/annotation-states',
        states: [
          { id: mine, state: 'uncertain', score: 0.81 },
          { id: elsewhere, state: 'orphaned', score: 0 },
        ],
      },
      contentSender(7, PAGE),
    );
    expect((await db.annotations.get(mine))?.anchor).toMatchObject({ state: 'uncertain', score: 0.81 });
    // a page cannot mark another page's annotations
    expect((await db.annotations.get(elsewhere))?.anchor).toBeUndefined();
    const popup = (await harness.handle({ type: 'ui/page-annotations', tabId: 7 }, popupSender)) as { ok: true; annotations: ClaimView[] };
    expect(popup.annotations.map((v) => v.annotation)).toEqual([expect.objectContaining({ id: mine, state: 'uncertain', score: 0.81 })]);
  });

  it('turns a Hypothesis (UTF-16) position into code points once the page found the quote exactly', async () => {
    const id = await saveOwn(await tag());
    const stored = (await db.annotations.get(id))!;
    await db.annotations.put({ ...stored, target: { ...stored.target, positionUnit: 'utf-16', position: { type: 'TextPositionSelector', start: 130, end: 130 + QUOTE.length } } });
    // a report whose span does not fit the quote changes nothing
    await harness.handle(
      { type: 'content/annotation-states', states: [{ id, state: 'anchored', score: 1, codePoints: { start: 5, end: 9 } }] },
      contentSender(7, PAGE),
    );
    expect((await db.annotations.get(id))?.target).toMatchObject({ positionUnit: 'utf-16', position: { start: 130 } });
    await harness.handle(
      { type: 'content/annotation-states', states: [{ id, state: 'anchored', score: 1, codePoints: { start: 128, end: 128 + QUOTE.length } }] },
      contentSender(7, PAGE),
    );
    expect((await db.annotations.get(id))?.target).toMatchObject({ positionUnit: 'code-point', position: { start: 128, end: 128 + QUOTE.length } });
  });

  it('re-attaches an orphan to the passage selected in its tab, checking what the page answers', async () => {
    const id = await saveOwn(await tag());
    const moved = { quote: { type: 'TextQuoteSelector', exact: 'some 11,000 soldiers went to Russia', prefix: 'Now ', suffix: '.' } };
    harness.tabs.ask.mockResolvedValueOnce({ ok: true, target: moved });
    expect(await harness.handle({ type: 'ui/reattach-annotation', tabId: 7, id }, popupSender)).toEqual({ ok: true });
    expect(harness.tabs.ask).toHaveBeenCalledWith(7, { type: 'background/describe-selection' });
    expect((await db.annotations.get(id))?.target.quote.exact).toBe('some 11,000 soldiers went to Russia');

    harness.tabs.ask.mockResolvedValueOnce({ ok: true, target: { quote: { exact: 42 } } });
    expect(await harness.handle({ type: 'ui/reattach-annotation', tabId: 7, id }, popupSender)).toMatchObject({ ok: false });
    expect((await db.annotations.get(id))?.target.quote.exact).toBe('some 11,000 soldiers went to Russia');

    // a tab that moved on to another page is not used
    expect(await harness.handle({ type: 'ui/reattach-annotation', tabId: 8, id }, popupSender)).toMatchObject({ ok: false, error: expect.stringMatching(/another page/) });
  });
});

describe('what pages cannot do', () => {
  it('rejects annotator requests from a content script, and malformed selectors', async () => {
    const draftId = await tag();
    const fromPage = await harness.handle(
      { type: 'ui/save-annotation', draftId, claim: { kind: 'own', statement: 'Injected claim', verdict: 'false' } },
      contentSender(7, PAGE),
    );
    expect(fromPage).toMatchObject({ ok: false });
    expect(await harness.handle({ type: 'content/tag-selection', target: { quote: { exact: '' } }, pageTitle: '' }, contentSender(7, PAGE))).toMatchObject({ ok: false });
    const frame = { ...contentSender(7, PAGE), frameId: 2 };
    expect(await harness.handle({ type: 'content/page-annotations' }, frame)).toMatchObject({ ok: false });
    expect(await db.annotations.count()).toBe(0);
  });

  it('reserves the own pack id: files and syncs cannot replace the user’s claims, nor can it be removed', async () => {
    await saveOwn(await tag());
    const impostor = { ...demoPackCopy(), id: OWN_PACK_ID, version: 999 };
    expect(await installPack(db, impostor)).toMatchObject({ status: 'refused', reason: expect.stringMatching(/reserved/) });
    expect(await removePack(db, OWN_PACK_ID)).toBe(false);
    expect((await db.packs.get(OWN_PACK_ID))?.claimCount).toBe(1);
  });

  it('keeps annotations through pack updates', async () => {
    const id = await saveOwn(await tag());
    const before = await db.annotations.get(id);
    await installPack(db, { ...demoPackCopy(), version: 2, claims: demoPackCopy().claims.slice(1) });
    expect(await db.annotations.get(id)).toEqual(before);
  });
});

describe('importing annotations', () => {
  it('keeps shared claims shared and re-attaches installed pack claims, and adds nothing the second time', async () => {
    const first = await saveOwn(await tag());
    const shared = (await db.annotations.get(first))!.claimKey;
    const second = (await harness.handle({ type: 'ui/save-annotation', draftId: await tag(), claim: { kind: 'existing', claimKey: shared } }, panelSender)) as { id: string };
    const demoKey = `${demoPackCopy().id}/nk-troops-groundless-rumors`;
    await harness.handle({ type: 'ui/save-annotation', draftId: await tag(), claim: { kind: 'existing', claimKey: demoKey } }, panelSender);
    const { serializeAnnotationCollection } = await import('../../src/annotations/to-annotation-collection');
    const file = serializeAnnotationCollection(await db.annotations.toArray());
    expect(second.id).toBeTruthy();

    // another browser: the demo pack, no annotations
    const elsewhere = freshDatabase();
    await installPack(elsewhere, demoPackCopy(), { builtIn: true });
    const other = messageHarness(elsewhere, []);
    const reply = (await other.handle({ type: 'ui/import-annotations', fileName: 'mine.jsonld', text: file }, popupSender)) as { ok: true; added: number; duplicates: number };
    expect(reply).toMatchObject({ ok: true, added: 3, duplicates: 0 });
    const keys = (await elsewhere.annotations.toArray()).map((a) => a.claimKey).sort();
    expect(keys).toEqual([demoKey, shared, shared].sort());
    expect((await elsewhere.packs.get(OWN_PACK_ID))?.claimCount).toBe(1);

    const again = (await other.handle({ type: 'ui/import-annotations', fileName: 'mine.jsonld', text: file }, popupSender)) as { added: number; duplicates: number };
    expect(again).toMatchObject({ added: 0, duplicates: 3 });
  });
});

describe('importing into a browser that has the same own claim', () => {
  it('does not let a file change the wording of a claim the user already has', async () => {
    const id = await saveOwn(await tag());
    const mine = (await db.annotations.get(id))!;
    const { serializeAnnotationCollection } = await import('../../src/annotations/to-annotation-collection');
    const forged = serializeAnnotationCollection([
      { ...mine, id: '00000000-0000-4000-8000-00000000abcd', claim: { ...mine.claim, statement: 'A forged wording of the claim.' }, modified: mine.modified + 1000 },
    ]);
    const reply = (await harness.handle({ type: 'ui/import-annotations', fileName: 'forged.jsonld', text: forged }, popupSender)) as { added: number };
    expect(reply.added).toBe(1);
    expect((await getClaim(db, mine.claimKey))?.statement).toBe(mine.claim.statement);
    expect((await db.annotations.get(id))?.claim.statement).toBe(mine.claim.statement);
  });
});
