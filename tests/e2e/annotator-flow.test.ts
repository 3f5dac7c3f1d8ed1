import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchWithExtension } from '../../scripts/launch-extension.mjs';
import { startRouteServer, type Handler } from './route-server';

/**
 * The annotator's flow in the built extension: select a passage, press "Tag claim", fill in the
 * panel, see the highlight at once; come back after the publisher changed the page and find it
 * anchored, uncertain or orphaned as it deserves; re-attach an orphan; delete and undo.
 */
let browser: Awaited<ReturnType<typeof launchWithExtension>>;
let server: Awaited<ReturnType<typeof startRouteServer>>;
const routes = new Map<string, Handler>();

const SENTENCE = 'The soldiers were told they would be fighting American mercenaries, not Ukrainians.';
const OTHER = 'Moscow first called the reports of North Korean troops fake news.';
const articleHtml = (paragraphs: string[]) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Soldiers told a story</title></head>
<body><main><h1>What the soldiers were told</h1>${paragraphs.map((p) => `<p>${p}</p>`).join('\n')}</main></body></html>`;
let article = articleHtml([
  'Intelligence officials described the interrogations in detail on Tuesday.',
  SENTENCE,
  OTHER,
  'Ukraine says it captured two of them alive in the Kursk region.',
]);
const serve = (path: string, html: () => string) =>
  routes.set(path, (_req, res) => res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html()));

beforeAll(async () => {
  serve('/article.html', () => article);
  server = await startRouteServer(routes);
  browser = await launchWithExtension();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Drags the mouse across the first occurrence of `text` on the page, as a reader selects it. */
async function selectText(page: Page, text: string): Promise<void> {
  const box = await within('selectText', page.evaluate((wanted) => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = (node as Text).data.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + wanted.length);
      (node.parentElement as Element).scrollIntoView({ block: 'center' });
      const rects = [...range.getClientRects()];
      const first = rects[0]!;
      const last = rects.at(-1)!;
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }
    return null;
  }, text));
  if (!box) throw new Error(`"${text}" is not on the page`);
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 5 });
  await page.mouse.up();
  expect(await page.evaluate(() => getSelection()?.toString())).toBe(text);
}

/**
 * Waits until the content script has read the page (the background keeps the tab's state from
 * then on): before that, a selection made in the page has nobody to notice it.
 */
async function contentScriptReady(page: Page): Promise<void> {
  const tabId = await browser.tabIdOf(page.url());
  const worker = await browser.worker();
  await expect
    .poll(
      () => worker.evaluate(async (id) => ((await chrome.storage.session.get(`tab:${id}`))[`tab:${id}`] as { url?: string } | undefined)?.url ?? null, tabId),
      { timeout: 15_000 },
    )
    .toBe(page.url());
}

/** Fails with a name instead of hanging: a Playwright evaluate has no timeout of its own. */
async function within<T>(what: string, work: Promise<T>, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms)));
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

const isPanel = (frame: Frame) => frame.url().includes('/annotate.html');

/**
 * The tagging panel's frame. It lives in a closed shadow root, out of the page's (and a CSS
 * selector's) reach, so it is found among the page's frames.
 */
async function panelFrame(page: Page): Promise<Frame> {
  await expect.poll(() => page.frames().some(isPanel), { timeout: 10_000 }).toBe(true);
  const frame = page.frames().find(isPanel)!;
  await frame.waitForSelector('form, [role="alert"]', { timeout: 10_000 });
  return frame;
}

/**
 * Escape typed in the panel, which closes it. Sent as an event in the panel's frame: through
 * Playwright's keyboard, the key-up waits forever for the frame the key-down removed.
 */
const pressEscapeIn = (panel: Frame) =>
  panel.evaluate(() => dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));

async function panelClosed(page: Page): Promise<void> {
  await expect.poll(() => page.frames().some(isPanel), { timeout: 5_000 }).toBe(false);
}

/** The texts of the page's highlights, by highlight name. */
const highlights = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [...CSS.highlights].filter(([name]) => name.startsWith('crosscheck-')).map(([name, h]) => [name, [...h].map((r) => r.toString())]),
    ),
  );

async function waitForHighlight(page: Page, text: string, name?: string): Promise<void> {
  await page.waitForFunction(
    ([wanted, highlight]) =>
      [...CSS.highlights]
        .filter(([n]) => (highlight ? n === highlight : n.startsWith('crosscheck-')))
        .some(([, h]) => [...h].some((r) => r.toString() === wanted)),
    [text, name ?? ''] as const,
    { timeout: 10_000 },
  );
}

async function openPopup(page: Page): Promise<Page> {
  const tabId = await browser.tabIdOf(page.url());
  const popup = await browser.context.newPage();
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.locator('.popup-head').waitFor();
  return popup;
}

describe('tagging a passage', () => {
  let page: Page;

  it('offers "Tag claim" by the selection, saves the claim with its sources, and highlights it at once', async () => {
    page = await browser.context.newPage();
    await page.goto(`${server.origin}/article.html`);
    await contentScriptReady(page);
    await selectText(page, SENTENCE);
    const button = page.locator('crosscheck-ui >> .cc-tag-button');
    await button.waitFor();
    // A page script pressing our button (or Alt+Shift+T) is not the annotator: nothing opens.
    await page.evaluate(() => {
      const tag = document.querySelector('crosscheck-ui')!.shadowRoot!.querySelector('.cc-tag-button')!;
      tag.dispatchEvent(new PointerEvent('pointerdown', { bubbles: true, composed: true }));
      tag.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true }));
      document.dispatchEvent(new KeyboardEvent('keydown', { key: 'T', code: 'KeyT', altKey: true, shiftKey: true, bubbles: true }));
    });
    await page.waitForTimeout(500);
    expect(page.frames().some(isPanel)).toBe(false);
    await button.click();
    // the page's selection survives the press
    expect(await page.evaluate(() => getSelection()?.toString())).toBe(SENTENCE);

    const panel = await panelFrame(page);
    // the page sees neither the frame nor its URL (a draft id)
    expect(
      await page.evaluate(() => {
        const root = document.querySelector('crosscheck-ui')!.shadowRoot!;
        return [root.querySelector('iframe'), root.querySelector('.cc-panel')?.shadowRoot ?? null, document.querySelectorAll('iframe').length];
      }),
    ).toEqual([null, null, 0]);
    expect(await panel.locator('.panel-passage blockquote').textContent()).toBe(SENTENCE);
    expect(await panel.getByLabel('Statement').inputValue()).toBe(SENTENCE);
    await panel.getByLabel('Statement').fill('North Korean soldiers were told they would fight American mercenaries.');
    await panel.getByLabel('Verdict').selectOption('misleading');
    await panel.getByLabel(/^Tags/).fill('troops, propaganda');
    await panel.getByRole('button', { name: 'Add source' }).click();
    await panel.getByLabel('URL').fill('https://intel.example/briefing');
    await panel.getByLabel('Title').fill('Interrogation briefing');
    await panel.getByLabel('Publisher').fill('Intelligence service');
    await panel.getByLabel('Stance').selectOption('contradicts');
    await panel.getByLabel('Quoted passage').fill('they were told they were fighting Americans');
    await panel.getByRole('button', { name: 'Save' }).click();

    await waitForHighlight(page, SENTENCE, 'crosscheck-misleading');
    // the panel closes itself after saving
    await panelClosed(page);
  });

  it('shows the annotation in the card, with its sources', async () => {
    const point = await page.evaluate((wanted) => {
      const range = [...CSS.highlights.get('crosscheck-misleading')!].find((r) => r.toString() === wanted) as Range;
      const rect = range.getClientRects()[0]!;
      return { x: rect.left + 8, y: rect.top + rect.height / 2 };
    }, SENTENCE);
    await page.mouse.move(point.x, point.y);
    const card = page.locator('crosscheck-ui >> .cc-card');
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain('Your annotation');
    const text = await card.textContent();
    expect(text).toContain('North Korean soldiers were told they would fight American mercenaries.');
    expect(text).toContain('Interrogation briefing');
  });

  it('finds it again on a later visit, and the popup lists it as anchored', async () => {
    await page.reload();
    await waitForHighlight(page, SENTENCE, 'crosscheck-misleading');
    const popup = await openPopup(page);
    const entry = popup.locator('.annotation');
    await expect.poll(() => entry.getAttribute('data-state')).toBe('anchored');
    expect(await entry.locator('.annotation-quote').textContent()).toBe(SENTENCE);
    await popup.close();

    // A page that re-renders its article (as React sites do) replaces the text nodes the passage
    // was painted on: it is found again in the new ones.
    await page.evaluate((wanted) => {
      const paragraph = [...document.querySelectorAll('p')].find((p) => p.textContent === wanted)!;
      paragraph.replaceWith(paragraph.cloneNode(true));
    }, SENTENCE);
    await waitForHighlight(page, SENTENCE, 'crosscheck-misleading');
    expect(await page.evaluate(() => [...CSS.highlights.get('crosscheck-misleading')!].every((r) => (r as Range).startContainer.isConnected))).toBe(true);
  });

  it('attaches a passage to an existing claim found by search, then edits, deletes and restores it from its card', async () => {
    await selectText(page, OTHER);
    await page.locator('crosscheck-ui >> .cc-tag-button').click();
    let panel = await panelFrame(page);
    await panel.getByLabel('Existing claim').check();
    await panel.getByRole('searchbox', { name: 'Search claims' }).fill('groundless rumors');
    await panel.getByRole('button', { name: /groundless rumors/ }).click();
    await panel.getByRole('button', { name: 'Save' }).click();
    // the pack's claim, with its verdict
    await waitForHighlight(page, OTHER, 'crosscheck-false');
    await panelClosed(page);

    const point = await page.evaluate((wanted) => {
      const range = [...CSS.highlights.get('crosscheck-false')!].find((r) => r.toString() === wanted) as Range;
      const rect = range.getClientRects()[0]!;
      return { x: rect.left + 8, y: rect.top + rect.height / 2 };
    }, OTHER);
    await page.mouse.move(point.x, point.y);
    const card = page.locator('crosscheck-ui >> .cc-card');
    await card.waitFor();
    await expect.poll(() => card.textContent()).toContain('groundless rumors');
    await card.getByRole('button', { name: 'Edit' }).click();
    panel = await panelFrame(page);
    expect(await panel.getByRole('heading', { level: 1 }).textContent()).toBe('Edit annotation');
    await panel.getByRole('button', { name: 'Delete' }).click();
    await panel.getByRole('button', { name: 'Undo' }).waitFor();
    await page.waitForFunction((wanted) => ![...(CSS.highlights.get('crosscheck-false') ?? [])].some((r) => r.toString() === wanted), OTHER);
    await panel.getByRole('button', { name: 'Undo' }).click();
    await waitForHighlight(page, OTHER, 'crosscheck-false');
    await pressEscapeIn(panel);
    await panelClosed(page);
  });

  it('opens the same panel from the keyboard shortcut and from the background command', async () => {
    await selectText(page, OTHER);
    await within('keyboard', page.keyboard.press('Alt+Shift+T'));
    let panel = await panelFrame(page);
    expect(await panel.locator('.panel-passage blockquote').textContent()).toBe(OTHER);
    // The buttons close the panel by removing its frame. A mouse click waits for the frame's input
    // acknowledgement, which a frame removed meanwhile may never send (CI once hung 30 s here), so
    // the click is dispatched in the frame, as the Escape above is.
    await panel.getByRole('button', { name: 'Cancel' }).dispatchEvent('click');
    await panelClosed(page);

    // The context menu item and the Alt+Shift+T command both send background/tag-selection.
    await selectText(page, OTHER);
    const tabId = await within('tabIdOf', browser.tabIdOf(page.url()));
    const worker = await within('worker', browser.worker());
    const menuExists = await within(
      'contextMenus.update',
      worker.evaluate(
        () => new Promise<boolean>((resolve) => chrome.contextMenus.update('crosscheck-tag-selection', {}, () => resolve(!chrome.runtime.lastError))),
      ),
    );
    expect(menuExists).toBe(true);
    await within('tabs.sendMessage', worker.evaluate((id) => chrome.tabs.sendMessage(id, { type: 'background/tag-selection' }, { frameId: 0 }), tabId));
    panel = await panelFrame(page);
    expect(await panel.locator('.panel-passage blockquote').textContent()).toBe(OTHER);
    await panel.getByRole('button', { name: 'Close' }).dispatchEvent('click');
    await panelClosed(page);
    // This tab keeps the old version of the page; the publisher's edits below are new visits,
    // and an open old copy would report its own anchoring state for the same annotation.
    await page.close();
  });
});

describe('when the publisher changes the page', () => {
  it('still anchors after a paragraph is inserted before and whitespace re-wrapped', async () => {
    article = articleHtml([
      'Editor’s note: this story was updated with new details on Wednesday.',
      'Intelligence officials described the interrogations in detail on Tuesday.',
      SENTENCE.replace(' American', '\n   American'),
      OTHER,
    ]);
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/article.html`);
    await page.waitForFunction(() => (CSS.highlights.get('crosscheck-misleading')?.size ?? 0) > 0);
    expect((await highlights(page))['crosscheck-misleading']!.map((t) => t.replace(/\s+/g, ' '))).toEqual([SENTENCE]);
    await page.close();
  });

  it('shows a corrected sentence as found, or as uncertain with its score, never on other text', async () => {
    const corrected = SENTENCE.replace('American mercenaries', 'American contractors');
    article = articleHtml(['Intelligence officials described the interrogations in detail on Tuesday.', corrected, OTHER]);
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/article.html`);
    await page.waitForFunction(() => (CSS.highlights.get('crosscheck-misleading')?.size ?? 0) + (CSS.highlights.get('crosscheck-uncertain')?.size ?? 0) > 0);
    const painted = await highlights(page);
    const popup = await openPopup(page);
    const entry = popup.locator('.annotation', { hasText: 'mercenaries' });
    await expect.poll(() => entry.getAttribute('data-state')).toMatch(/anchored|uncertain/);
    if ((await entry.getAttribute('data-state')) === 'uncertain') {
      // shown apart from confirmed highlights, with its score in the popup
      expect(painted['crosscheck-uncertain']).toEqual([corrected]);
      expect(painted['crosscheck-misleading'] ?? []).toEqual([]);
      expect(await entry.locator('.annotation-state').textContent()).toMatch(/score 0\.\d\d/);
    } else expect(painted['crosscheck-misleading']).toEqual([corrected]);
    await popup.close();
    await page.close();
  });

  it('orphans it when the paragraph is deleted, and re-attaches it to a passage selected again', async () => {
    const rewritten = 'Captured soldiers said officers had told them the enemy would be American mercenaries.';
    article = articleHtml(['Intelligence officials described the interrogations in detail on Tuesday.', OTHER, rewritten]);
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/article.html`);
    await contentScriptReady(page);
    let popup = await openPopup(page);
    const entry = popup.locator('.annotation', { hasText: 'mercenaries' });
    await expect.poll(() => entry.getAttribute('data-state'), { timeout: 10_000 }).toBe('orphaned');
    // never painted on some other sentence
    expect((await highlights(page))['crosscheck-misleading'] ?? []).toEqual([]);
    await popup.close();

    await page.bringToFront();
    await selectText(page, rewritten);
    popup = await openPopup(page);
    await popup.getByRole('button', { name: 'Re-attach to selection' }).click();
    await waitForHighlight(page, rewritten, 'crosscheck-misleading');
    await expect.poll(() => popup.locator('.annotation', { hasText: 'mercenaries' }).getAttribute('data-state')).toBe('anchored');
    await popup.close();
    await page.close();
  });

  it('deletes from the popup with undo', async () => {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/article.html`);
    await page.waitForFunction(() => (CSS.highlights.get('crosscheck-misleading')?.size ?? 0) > 0);
    const popup = await openPopup(page);
    await popup.locator('.annotation', { hasText: 'mercenaries' }).getByRole('button', { name: 'Delete' }).click();
    await page.waitForFunction(() => (CSS.highlights.get('crosscheck-misleading')?.size ?? 0) === 0);
    await popup.getByRole('button', { name: 'Undo' }).click();
    await page.waitForFunction(() => (CSS.highlights.get('crosscheck-misleading')?.size ?? 0) === 1);
    await popup.close();
    await page.close();
  });
});
