import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { userEvent } from 'vitest/browser';
import { startReaderSession, type ReaderSession } from '../../src/highlight/reader-session';
import { HOST_TAG } from '../../src/highlight/shadow-host';
import { buildClaimIndex } from '../../src/matching/claim-index';
import { matchText } from '../../src/matching/match-text';
import type { ClaimView } from '../../src/messaging/claim-view';
import type { MatchPageRequest, MatchHit, MatchPageReply } from '../../src/messaging/protocol';

// The reader flow in a real page: the text is read and sent to a stand-in background that runs the
// real matcher, the passages it finds are highlighted, and pointing at one opens the claim card.

const XSS = '<img src=x onerror=alert(1)>';

const pack = { id: 'test-pack', name: 'Test pack', publisher: 'Test desk' };

const conflicting: ClaimView = {
  key: 'test-pack/russia-conflicting-information',
  statement: 'Russia cannot confirm the North Korean soldiers’ presence because of conflicting information.',
  verdict: 'false',
  summary: 'Moscow later confirmed their participation.',
  tags: [],
  pack,
  evidence: [
    {
      stance: 'supports',
      quote: 'Russia claims “conflicting information” prevents it from confirming or denying the soldiers’ presence.',
      source: { url: 'https://example.org/analysis?id=7', title: 'They thought they were fighting Americans', publisher: 'Gazette Analysis desk', date: '2025-03' },
    },
    {
      stance: 'contradicts',
      quote: 'Moscow officially confirmed their participation only in the spring of 2025.',
      source: { url: 'https://example.org/world', title: 'North Korea sends soldiers to rebuild', publisher: 'Gazette World desk', date: '2025-11' },
    },
  ],
};

const hostile: ClaimView = {
  key: 'test-pack/told-fighting-americans',
  statement: `Soldiers were told they were fighting Americans ${XSS}`,
  verdict: 'unverified',
  summary: `Summary ${XSS}`,
  tags: [],
  pack,
  evidence: [
    {
      stance: 'supports',
      quote: `They had been told they were killing Americans ${XSS}`,
      source: { url: 'javascript:alert(1)', title: `Script link ${XSS}`, publisher: 'Unsafe publisher' },
    },
    {
      stance: 'contradicts',
      quote: 'No such statement was found in the interviews.',
      source: { url: 'https://example.org/interviews', title: 'Interview transcripts', publisher: 'Safe publisher' },
    },
  ],
};

const latecomer: ClaimView = {
  key: 'test-pack/moscow-confirmed',
  statement: 'Moscow confirmed North Korean troops in spring 2025.',
  verdict: 'true',
  summary: '',
  tags: [],
  pack,
  evidence: [],
};

const PHRASINGS: Record<string, string[]> = {
  [conflicting.key]: ['Russia claims “conflicting information” prevents it from confirming'],
  [hostile.key]: ['They had been told they were killing Americans'],
  [latecomer.key]: ['Moscow officially confirmed their participation only in the spring of 2025'],
};

const PAGE = `
  <main style="font: 16px/1.5 sans-serif; width: 380px">
    <p id="p1">International reactions have been mixed. Russia claims “conflicting information” prevents it from confirming or denying the soldiers’ presence.</p>
    <p id="p2">When questioned, they had been told they were killing <em>Americans</em> all along.</p>
    <p id="p3">A closing paragraph about something else entirely.</p>
  </main>`;

/** A background stand-in: matches each received segment with the real matcher and index. */
function fakeBackground(views: ClaimView[]) {
  const index = buildClaimIndex(views.map((view) => ({ key: view.key, phrasings: PHRASINGS[view.key]! }))).snapshot;
  const byKey = new Map(views.map((view) => [view.key, view]));
  const received: MatchPageRequest[] = [];
  const send = async (message: MatchPageRequest): Promise<MatchPageReply> => {
    received.push(structuredClone(message));
    const hits: MatchHit[] = [];
    const claims: Record<string, ClaimView> = {};
    for (const segment of message.segments)
      for (const hit of matchText([index], segment.text)) {
        hits.push({ segment: segment.id, start: hit.start, end: hit.end, claim: hit.claimKey });
        claims[hit.claimKey] = byKey.get(hit.claimKey)!;
      }
    return { ok: true, paused: false, hits, claims };
  };
  return { send, received };
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));
const ourHighlights = () => [...CSS.highlights.keys()].filter((name) => name.startsWith('crosscheck-'));
const shadow = () => document.querySelector(HOST_TAG)?.shadowRoot ?? null;
const dialog = () => shadow()?.querySelector<HTMLElement>('[role=dialog]') ?? null;

/** The page as its own scripts would serialize it, leaving out our host. */
function pageSnapshot(): string {
  const clone = document.documentElement.cloneNode(true) as HTMLElement;
  clone.querySelectorAll(HOST_TAG).forEach((host) => host.remove());
  return clone.outerHTML;
}

let controller: AbortController;
let session: ReaderSession;
let background: ReturnType<typeof fakeBackground>;

function passageOf(claim: ClaimView) {
  const passage = session.registry.passages().find((p) => p.claims.includes(claim.key));
  if (!passage) throw new Error(`no passage for ${claim.key}`);
  return passage;
}

/** Moves the pointer onto the middle of the first line of a range, as a mouse would. */
async function pointAt(x: number, y: number) {
  document.dispatchEvent(new PointerEvent('pointermove', { clientX: x, clientY: y, bubbles: true, composed: true }));
  await frame();
  await frame();
}
async function hover(range: Range) {
  const rect = range.getClientRects()[0]!;
  await pointAt(rect.left + rect.width / 2, rect.top + rect.height / 2);
}

beforeEach(async () => {
  document.body.innerHTML = PAGE;
  background = fakeBackground([conflicting, hostile, latecomer]);
  controller = new AbortController();
  session = startReaderSession({ doc: document, signal: controller.signal, send: background.send, mutationDelay: 20 });
  await session.settled();
});

afterEach(() => {
  controller.abort();
  CSS.highlights.clear();
  document.querySelectorAll(HOST_TAG).forEach((host) => host.remove());
  document.body.innerHTML = '';
  window.scrollTo(0, 0);
  vi.restoreAllMocks();
});

describe('reading and highlighting', () => {
  it('highlights the passages the background found, under their verdicts', () => {
    expect(background.received).toHaveLength(1);
    expect(background.received[0]).toMatchObject({ type: 'content/match-page', mode: 'replace' });
    expect(session.registry.count()).toBe(2);
    expect(passageOf(conflicting).range.toString()).toBe('Russia claims “conflicting information” prevents it from confirming');
    expect(passageOf(hostile).range.toString()).toBe('they had been told they were killing Americans');
    expect([...CSS.highlights.get('crosscheck-false')!]).toEqual([passageOf(conflicting).range]);
    expect([...CSS.highlights.get('crosscheck-unverified')!]).toEqual([passageOf(hostile).range]);
  });
});

describe('the card', () => {
  it('opens over a highlighted passage the pointer rests on, with the claim and its sources by stance', async () => {
    expect(dialog()).toBeNull();
    await hover(passageOf(conflicting).range);

    const card = dialog();
    expect(card).not.toBeNull();
    expect(card!.querySelector('.cc-statement')!.textContent).toBe(conflicting.statement);
    expect(card!.querySelector('.cc-verdict')!.textContent).toBe('False');
    expect(card!.textContent).toContain('Moscow later confirmed their participation.');

    const group = (stance: string) => card!.querySelector(`[data-stance=${stance}]`)!;
    expect(group('supports').querySelector('h3')!.textContent).toMatch(/^Corroborating/);
    expect(group('contradicts').querySelector('h3')!.textContent).toMatch(/^Contradicting/);
    for (const evidence of conflicting.evidence) {
      const item = group(evidence.stance).querySelector('.cc-source')!;
      expect(item.querySelector('.cc-source-title')!.textContent).toBe(evidence.source.title);
      expect(item.querySelector('.cc-publisher')!.textContent).toBe(evidence.source.publisher);
      expect(item.querySelector('.cc-date')!.textContent).toContain(evidence.source.date);
      expect(item.querySelector('.cc-quote')!.textContent).toBe(evidence.quote);
    }
    // the card is placed near the passage, inside the viewport
    const rect = card!.getBoundingClientRect();
    expect(rect.width).toBeGreaterThan(100);
    expect(rect.left).toBeGreaterThanOrEqual(0);
    expect(rect.top).toBeGreaterThanOrEqual(0);
  });

  it('does not open where no passage is, and closes after the pointer leaves the passage', async () => {
    const p3 = document.getElementById('p3')!.getBoundingClientRect();
    await pointAt(p3.left + 5, p3.top + p3.height / 2);
    expect(dialog()).toBeNull();

    await hover(passageOf(conflicting).range);
    expect(dialog()).not.toBeNull();
    await pointAt(p3.left + 5, p3.top + p3.height / 2);
    await vi.waitFor(() => expect(dialog()).toBeNull(), { timeout: 2000 });
  });

  it('shows markup from a pack as literal text and never links a javascript: URL', async () => {
    const alert = vi.spyOn(window, 'alert').mockImplementation(() => {});
    await hover(passageOf(hostile).range);
    const card = dialog()!;
    expect(card).not.toBeNull();
    expect(shadow()!.querySelector('img')).toBeNull();
    expect(card.querySelector('.cc-statement')!.textContent).toBe(hostile.statement);
    expect(card.textContent).toContain(`They had been told they were killing Americans ${XSS}`);
    expect(card.textContent).toContain(`Script link ${XSS}`);

    const [unsafe, safe] = [...card.querySelectorAll('.cc-source')];
    expect(unsafe!.querySelector('a')).toBeNull();
    expect(unsafe!.querySelector('.cc-source-title')!.textContent).toBe(`Script link ${XSS}`);
    expect(shadow()!.querySelector('a[href^="javascript:" i]')).toBeNull();

    const link = safe!.querySelector('a')!;
    expect(link).not.toBeNull();
    expect(link.textContent).toBe('Interview transcripts');
    expect(link.href.startsWith('https://example.org/interviews#:~:text=')).toBe(true);
    expect(link.target).toBe('_blank');
    expect(link.rel).toContain('noopener');

    await frame();
    expect(alert).not.toHaveBeenCalled();
  });
});

describe('keyboard and background commands', () => {
  it('focus-next opens the first passage’s card and focuses it; Escape closes it', async () => {
    session.handle({ type: 'background/focus-next' });
    const card = dialog();
    expect(card).not.toBeNull();
    expect(card!.querySelector('.cc-statement')!.textContent).toBe(conflicting.statement);
    expect(shadow()!.activeElement).toBe(card);

    await userEvent.keyboard('{Escape}');
    expect(dialog()).toBeNull();
    expect(session.card.isOpen()).toBe(false);
  });

  it('focus-next steps to the next passage', () => {
    session.handle({ type: 'background/focus-next' });
    session.handle({ type: 'background/focus-next' });
    expect(dialog()!.querySelector('.cc-statement')!.textContent).toBe(hostile.statement);
    expect(shadow()!.activeElement).toBe(dialog());
  });

  it('clear removes every highlight and rescan brings them back', async () => {
    expect(ourHighlights().sort()).toEqual(['crosscheck-false', 'crosscheck-unverified']);
    session.handle({ type: 'background/clear' });
    expect(ourHighlights()).toEqual([]);
    expect(session.registry.count()).toBe(0);

    session.handle({ type: 'background/rescan' });
    await session.settled();
    expect(background.received.at(-1)).toMatchObject({ mode: 'replace' });
    expect(ourHighlights().sort()).toEqual(['crosscheck-false', 'crosscheck-unverified']);
    expect(session.registry.count()).toBe(2);
    expect(passageOf(conflicting).range.toString()).toBe('Russia claims “conflicting information” prevents it from confirming');
  });

  it('opens no card while cleared', async () => {
    const range = passageOf(conflicting).range;
    session.handle({ type: 'background/clear' });
    await hover(range);
    expect(dialog()).toBeNull();
  });
});

describe('text the page adds later', () => {
  it('highlights a new paragraph after the mutation delay, sending only its text', async () => {
    const added = document.createElement('p');
    added.textContent = 'Update: Moscow officially confirmed their participation only in the spring of 2025.';
    document.body.append(added);

    await vi.waitFor(() => expect(session.registry.count()).toBe(3), { timeout: 2000 });
    const passage = passageOf(latecomer);
    expect(passage.range.toString()).toBe('Moscow officially confirmed their participation only in the spring of 2025');
    expect(added.contains(passage.range.startContainer)).toBe(true);
    expect([...CSS.highlights.get('crosscheck-true')!]).toEqual([passage.range]);
    // the earlier passages are still highlighted
    expect(passageOf(conflicting).range.toString()).toContain('conflicting information');

    expect(background.received).toHaveLength(2);
    const request = background.received[1]!;
    expect(request.mode).toBe('append');
    expect(request.segments.map((s) => s.text)).toEqual([added.textContent]);
  });
});

describe('the page itself', () => {
  it('is unchanged by a whole session outside our host', async () => {
    const before = pageSnapshot();
    await hover(passageOf(conflicting).range);
    expect(dialog()).not.toBeNull();
    session.handle({ type: 'background/focus-next' });
    await userEvent.keyboard('{Escape}');
    session.handle({ type: 'background/clear' });
    session.handle({ type: 'background/rescan' });
    await session.settled();
    await hover(passageOf(hostile).range);
    expect(dialog()).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 60)); // past the mutation delay

    expect(pageSnapshot()).toBe(before);
    expect(document.querySelectorAll(HOST_TAG)).toHaveLength(1);
    // our own UI's changes are not taken for page text: only the first read and the rescan were sent
    expect(background.received.map((m) => m.mode)).toEqual(['replace', 'replace']);
  });
});

describe('claims that share a passage', () => {
  it('the card lists every claim on the passage, even under different verdicts', async () => {
    controller.abort();
    CSS.highlights.clear();
    document.body.innerHTML = PAGE;
    const twin: ClaimView = {
      ...conflicting,
      key: 'other-pack/russia-denial',
      statement: 'Russia has neither confirmed nor denied the deployment.',
      verdict: 'mixed',
      pack: { id: 'other-pack', name: 'Other pack', publisher: 'Other desk' },
    };
    PHRASINGS[twin.key] = PHRASINGS[conflicting.key]!;
    const shared = fakeBackground([conflicting, twin]);
    controller = new AbortController();
    session = startReaderSession({ doc: document, signal: controller.signal, send: shared.send, mutationDelay: 20 });
    await session.settled();
    expect(CSS.highlights.get('crosscheck-false')?.size).toBe(1);
    expect(CSS.highlights.get('crosscheck-mixed')?.size).toBe(1);

    await hover(passageOf(conflicting).range);
    const statements = [...(dialog()?.querySelectorAll('.cc-statement') ?? [])].map((el) => el.textContent);
    expect(statements.sort()).toEqual([conflicting.statement, twin.statement].sort());
    delete PHRASINGS[twin.key];
  });
});
