import { afterEach, describe, expect, it } from 'vitest';
import { startReaderSession, type ReaderSession } from '../../src/highlight/reader-session';
import { HOST_TAG } from '../../src/highlight/shadow-host';
import { buildClaimIndex } from '../../src/matching/claim-index';
import { matchText } from '../../src/matching/match-text';
import type { ClaimView } from '../../src/messaging/claim-view';
import { MAX_SEGMENT_CHARS } from '../../src/messaging/limits';
import type { MatchPageRequest, MatchHit, MatchPageReply } from '../../src/messaging/protocol';

// What the page does after the first read, and what the page may do to us: the reader session
// against a stand-in background that runs the real matcher.

const PHRASE = 'Ukraine reporting at least 3,000 deaths';
const claim: ClaimView = {
  key: 'p/deaths',
  statement: 'Ukraine reported at least 3,000 North Korean deaths.',
  verdict: 'unverified',
  summary: '',
  tags: [],
  pack: { id: 'p', name: 'Pack', publisher: 'Desk' },
  evidence: [],
};
const index = buildClaimIndex([{ key: claim.key, phrasings: [PHRASE] }]).snapshot;

let controller: AbortController;
let session: ReaderSession;
let sent: MatchPageRequest[];

async function start(html: string, options: { isAlive?: () => boolean } = {}) {
  document.body.innerHTML = html;
  sent = [];
  controller = new AbortController();
  const send = async (message: MatchPageRequest): Promise<MatchPageReply> => {
    sent.push(structuredClone(message));
    const hits: MatchHit[] = [];
    for (const segment of message.segments)
      for (const hit of matchText([index], segment.text).filter((m) => m.tier === 'confirmed'))
        hits.push({ segment: segment.id, start: hit.start, end: hit.end, claim: hit.claimKey });
    return { ok: true, paused: false, hits, claims: hits.length ? { [claim.key]: claim } : {} };
  };
  session = startReaderSession({ doc: document, signal: controller.signal, send, mutationDelay: 10, ...options });
  await session.settled();
}

/** Waits for the batched mutation flush (delay + idle callback) and the scan it starts. */
async function afterChanges() {
  await new Promise((resolve) => setTimeout(resolve, 60));
  await new Promise((resolve) => requestIdleCallback(() => resolve(undefined), { timeout: 200 }));
  await session.settled();
}

const highlighted = () => [...(CSS.highlights.get('crosscheck-unverified') ?? [])].map((r) => (r as Range).toString());
const sentTexts = () => sent.flatMap((m) => m.segments.map((s) => s.text));

afterEach(() => {
  controller.abort();
  CSS.highlights.clear();
  document.querySelectorAll(HOST_TAG).forEach((host) => host.remove());
  document.head.querySelectorAll('style[data-test]').forEach((s) => s.remove());
  document.body.innerHTML = '';
});

describe('text the page changes later', () => {
  it('a change inside a highlighted paragraph re-reads that paragraph only, without doubling its highlight', async () => {
    await start(`<p id="a">With ${PHRASE}, says <span id="n">1</span>.</p><p>${'Other text. '.repeat(50)}</p>`);
    expect(highlighted()).toEqual([PHRASE]);
    sent = [];
    document.getElementById('n')!.textContent = '2';
    await afterChanges();
    expect(sentTexts()).toEqual([`With ${PHRASE}, says 2.`]);
    expect(highlighted()).toEqual([PHRASE]);
  });

  it('an element ticking directly under <body> re-reads only itself, never the whole page', async () => {
    await start(`<p>${'Long article text. '.repeat(200)}</p><span id="clock">10:00</span>`);
    sent = [];
    document.getElementById('clock')!.textContent = '10:01';
    await afterChanges();
    expect(sentTexts()).toEqual(['10:01']);
  });

  it('text revealed later (hidden removed, <details> opened) is highlighted', async () => {
    await start(`<p>Intro.</p><div id="more" hidden><p>Later: ${PHRASE}.</p></div>
      <details id="d"><summary>More</summary><p>Also: ${PHRASE}.</p></details>`);
    expect(highlighted()).toEqual([]);
    document.getElementById('more')!.hidden = false;
    await afterChanges();
    expect(highlighted()).toEqual([PHRASE]);
    (document.getElementById('d') as HTMLDetailsElement).open = true;
    await afterChanges();
    expect(highlighted()).toEqual([PHRASE, PHRASE]);
  });
});

describe('very long pages', () => {
  it('are sent in several messages within the limit, and still highlighted', async () => {
    const filler = `<p>${'Filler words for a very long page. '.repeat(2_000)}</p>`;
    const blocks = Math.ceil((MAX_SEGMENT_CHARS * 1.2) / (35 * 2_000));
    await start(`${filler.repeat(blocks)}<p>At the end: ${PHRASE}.</p>`);
    expect(sent.length).toBeGreaterThan(1);
    for (const message of sent) {
      expect(message.segments.reduce((n, s) => n + s.text.length, 0)).toBeLessThanOrEqual(MAX_SEGMENT_CHARS);
    }
    expect(sent.map((m) => m.mode)).toEqual(['replace', ...sent.slice(1).map(() => 'append')]);
    expect(highlighted()).toEqual([PHRASE]);
  });
});

describe('a hostile page', () => {
  it('cannot hide the card with its own CSS', async () => {
    const style = document.createElement('style');
    style.dataset.test = '';
    style.textContent = `${HOST_TAG} { display: none !important; visibility: hidden !important; opacity: 0 !important; }`;
    document.head.append(style);
    await start(`<p>With ${PHRASE}.</p>`);
    session.card.focusNext();
    const card = document.querySelector(HOST_TAG)!.shadowRoot!.querySelector<HTMLElement>('[role=dialog]')!;
    const rect = card.getBoundingClientRect();
    expect(rect.width).toBeGreaterThan(100);
    expect(rect.height).toBeGreaterThan(50);
    expect(getComputedStyle(document.querySelector(HOST_TAG)!).display).toBe('block');
  });
});

describe('after the extension is gone', () => {
  it('opens no card and reads no further changes', async () => {
    let alive = true;
    await start(`<p>With ${PHRASE}.</p>`, { isAlive: () => alive });
    alive = false;
    session.card.focusNext();
    expect(document.querySelector(HOST_TAG)?.shadowRoot?.querySelector('[role=dialog]') ?? null).toBeNull();
    sent = [];
    document.body.insertAdjacentHTML('beforeend', `<p>New: ${PHRASE}.</p>`);
    await afterChanges();
    expect(sent).toEqual([]);
  });
});
