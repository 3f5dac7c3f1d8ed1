import { afterEach, describe, expect, it, vi } from 'vitest';
import { startReaderSession, type ReaderSession } from '../../src/highlight/reader-session';
import { HOST_TAG } from '../../src/highlight/shadow-host';
import { buildClaimIndex } from '../../src/matching/claim-index';
import { matchText } from '../../src/matching/match-text';
import type { ClaimView } from '../../src/messaging/claim-view';
import type { BackgroundToContent, MatchHit, MatchPageReply, MatchPageRequest } from '../../src/messaging/protocol';

// A worker just started answers a page from the claims its known phrasings hit, with `more`, and
// sends the rest later as background/more-hits: the page adds those highlights to the ones it has.

const view = (key: string, statement: string): ClaimView => ({
  key,
  statement,
  verdict: 'unverified',
  summary: '',
  tags: [],
  pack: { id: 'p', name: 'Pack', publisher: 'Desk' },
  evidence: [],
});
const first = view('p/deaths', 'Ukraine reported at least 3,000 North Korean deaths.');
const rest = view('p/told', 'The soldiers were told they would fight Americans.');
const index = buildClaimIndex([
  { key: first.key, phrasings: ['Ukraine reporting at least 3,000 deaths'] },
  { key: rest.key, phrasings: ['they had been told they would fight Americans'] },
]).snapshot;
const PAGE = '<p>With Ukraine reporting at least 3,000 deaths, the war goes on.</p><p>Defectors say they had been told they would fight Americans.</p>';

let controller: AbortController;
let session: ReaderSession;
let requests: MatchPageRequest[];

const hitsOf = (message: MatchPageRequest, claim: string): MatchHit[] =>
  message.segments.flatMap((segment) =>
    matchText([index], segment.text)
      .filter((m) => m.tier === 'confirmed' && m.claimKey === claim)
      .map((m) => ({ segment: segment.id, start: m.start, end: m.end, claim: m.claimKey })),
  );
const moreHits = (message: MatchPageRequest): BackgroundToContent => ({
  type: 'background/more-hits',
  ...(message.session === undefined ? {} : { session: message.session }),
  segments: message.segments.map((s) => s.id),
  hits: hitsOf(message, rest.key),
  claims: { [rest.key]: rest },
});

/** Starts a session whose stand-in background answers `first` at once, with `more`; `early` sends the rest before the reply. */
function start(options: { early?: boolean } = {}) {
  document.body.innerHTML = PAGE;
  requests = [];
  controller = new AbortController();
  const send = async (message: MatchPageRequest): Promise<MatchPageReply> => {
    requests.push(message);
    if (options.early) session.handle(moreHits(message));
    return { ok: true, paused: false, hits: hitsOf(message, first.key), claims: { [first.key]: first }, more: true };
  };
  session = startReaderSession({ doc: document, signal: controller.signal, send });
}

const highlighted = () =>
  [...(CSS.highlights.get('crosscheck-unverified') ?? [])].map((r) => (r as Range).toString()).sort();
const settledYet = async () => {
  let done = false;
  void session.settled().then(() => (done = true));
  await new Promise((resolve) => setTimeout(resolve, 30));
  return done;
};

afterEach(() => {
  controller.abort();
  CSS.highlights.clear();
  document.querySelectorAll(HOST_TAG).forEach((host) => host.remove());
  document.body.innerHTML = '';
});

describe('a page answered in part, then in full', () => {
  it('shows the first answer at once, adds the rest to it, and is settled only then', async () => {
    start();
    await vi.waitFor(() => expect(highlighted()).toEqual(['Ukraine reporting at least 3,000 deaths']));
    expect(await settledYet()).toBe(false);
    const before = [...CSS.highlights.get('crosscheck-unverified')!];
    session.handle(moreHits(requests[0]!));
    expect(highlighted()).toEqual(['Ukraine reporting at least 3,000 deaths', 'they had been told they would fight Americans']);
    // The first highlight stays as it was: added to, not painted again.
    expect(before).toHaveLength(1);
    expect([...CSS.highlights.get('crosscheck-unverified')!]).toContain(before[0]);
    expect(await settledYet()).toBe(true);
  });

  it('paints the rest when it arrives before the reply it completes', async () => {
    start({ early: true });
    await session.settled();
    expect(highlighted()).toEqual(['Ukraine reporting at least 3,000 deaths', 'they had been told they would fight Americans']);
  });

  it('drops the rest of an answer another page of the tab asked for, though its segment ids are the same', async () => {
    start();
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    expect(requests[0]!.session).toMatch(/^[0-9a-f]{16}$/);
    session.handle({ ...moreHits(requests[0]!), session: '0123456789abcdef' } as BackgroundToContent);
    session.handle({ ...moreHits(requests[0]!), session: undefined } as BackgroundToContent);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(highlighted()).toEqual(['Ukraine reporting at least 3,000 deaths']);
    expect(await settledYet()).toBe(false);
    session.handle(moreHits(requests[0]!));
    expect(await settledYet()).toBe(true);
  });

  it('drops the rest of the answer to an earlier reading of the page', async () => {
    start();
    await vi.waitFor(() => expect(requests).toHaveLength(1));
    const stale = moreHits(requests[0]!);
    session.handle({ type: 'background/rescan' });
    await vi.waitFor(() => expect(requests).toHaveLength(2));
    session.handle(stale);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(highlighted()).toEqual(['Ukraine reporting at least 3,000 deaths']);
    session.handle(moreHits(requests[1]!));
    await session.settled();
    expect(highlighted()).toEqual(['Ukraine reporting at least 3,000 deaths', 'they had been told they would fight Americans']);
  });
});
