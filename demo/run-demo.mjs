#!/usr/bin/env node
// The demo: build the extension, serve the demo news pages on 127.0.0.1, open them in Chromium with
// Crosscheck and its built-in pack, print what a reader sees, and save screenshots of a card, the
// popup, and the popup of a page whose figures differ.   npm run demo [-- --headed] [-- --no-build] [-- --out DIR]
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { brandedChromePath, chromiumPath, INSTALL_HINT } from '../scripts/find-chromium.mjs';
import { EXTENSION_DIR, highlightsOf, launchWithExtension, settledHighlightsOf } from '../scripts/launch-extension.mjs';
import { startDemoServer } from './serve.mjs';

const { values: args } = parseArgs({
  options: {
    headed: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    out: { type: 'string', default: 'demo/out' },
  },
});
// The built-in pack's source links point here, so the demo serves on this port.
const PORT = 4317;
const PAGES = [
  '/articles/soldiers-told-they-were-fighting-americans.html',
  '/articles/north-korea-sends-soldiers-to-rebuild.html',
  // Written for the demo: the two reports' claims in other words, two figures wrong on purpose.
  '/articles/wire-roundup.html',
];
const ROUNDUP = PAGES[2];

function fail(message) {
  console.error(`\n${message}\n`);
  process.exit(1);
}

if (!chromiumPath()) {
  const branded = brandedChromePath();
  fail(
    INSTALL_HINT +
      (branded
        ? `\n\nFound Google Chrome at ${branded}, but it ignores --load-extension. To try Crosscheck in it by hand:\n` +
          `  npm run build, then chrome://extensions > Developer mode > Load unpacked > ${EXTENSION_DIR}\n` +
          `  and serve the demo pages with: node demo/serve.mjs`
        : ''),
  );
}
if (args.headed && process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY)
  fail('--headed needs a display, and DISPLAY is not set. Run without --headed for the headless demo.');

if (!args['no-build']) {
  console.log('Building the extension…');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (build.status !== 0) fail(`The build failed:\n${build.stdout}${build.stderr}`);
}

let server;
try {
  server = await startDemoServer({ port: PORT });
} catch (error) {
  fail(`Could not serve the demo pages on 127.0.0.1:${PORT} (${error.code ?? error.message}). Is another demo running?`);
}
const browser = await launchWithExtension({ headless: !args.headed, viewport: { width: 1280, height: 860 } });
const out = resolve(args.out);
mkdirSync(out, { recursive: true });
console.log(`Demo pages on ${server.origin}/ · Chromium with Crosscheck ${browser.extensionId}\n`);

const tabIdOf = (url) => browser.tabIdOf(url);

/** The popup, opened as a page for a tab: what the reader would see from the toolbar. */
async function popupFor(tabId) {
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 420, height: 900 });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.locator('.popup-head').waitFor();
  await popup.locator('.status').first().waitFor();
  return popup;
}

/**
 * The popup once it lists the page's notices ("Numbers differ", "Possible matches"): the background
 * records them just after answering the page, so the first look can come a moment early.
 */
async function popupWithNotices(tabId) {
  const popup = await popupFor(tabId);
  for (let tries = 0; tries < 30 && (await popup.locator('.notice').count()) === 0; tries++) {
    await popup.waitForTimeout(300);
    await popup.reload();
    await popup.locator('.status').first().waitFor();
  }
  return popup;
}

const pages = [];
for (const path of PAGES) {
  const page = await browser.context.newPage();
  await page.goto(server.origin + path);
  const highlights = await settledHighlightsOf(page);
  const passages = Object.values(highlights).reduce((n, list) => n + list.length, 0);
  const popup = await (path === ROUNDUP ? popupWithNotices : popupFor)(await tabIdOf(page.url()));
  const claims = await popup.locator('.claim-entry').evaluateAll((entries) =>
    entries.map((entry) => ({
      verdict: entry.querySelector('.cc-verdict')?.textContent ?? '',
      statement: entry.querySelector('.claim-title')?.textContent ?? '',
      supports: entry.querySelectorAll('[data-stance=supports] .cc-source').length,
      contradicts: entry.querySelectorAll('[data-stance=contradicts] .cc-source').length,
      context: entry.querySelectorAll('[data-stance=context] .cc-source').length,
    })),
  );
  console.log(`${await page.title()}\n  ${page.url()}\n  ${claims.length} claims highlighted in ${passages} passages`);
  for (const claim of claims) {
    const sources = [
      `${claim.supports} corroborating`,
      `${claim.contradicts} contradicting`,
      ...(claim.context ? [`${claim.context} context`] : []),
    ].join(', ');
    console.log(`   ${`[${claim.verdict}]`.padEnd(15)} ${claim.statement}\n   ${''.padEnd(15)} sources: ${sources}`);
  }
  // Not highlighted, listed in the popup: the claim stated with other figures, or maybe stated.
  const notices = await popup.locator('.notice').evaluateAll((items) =>
    items.map((item) => ({
      tier: item.getAttribute('data-tier'),
      verdict: item.querySelector('.cc-verdict')?.textContent ?? '',
      statement: item.querySelector('.claim-title')?.textContent ?? '',
      passage: item.querySelector('.notice-quote')?.textContent ?? '',
      page: item.querySelector('.notice-page-figures b')?.textContent ?? '',
      claim: item.querySelector('.notice-claim-figures b')?.textContent ?? '',
      score: item.querySelector('.notice-score')?.textContent ?? '',
    })),
  );
  for (const notice of notices) {
    const detail = notice.tier === 'numbers-differ' ? `numbers differ: this page ${notice.page}, the claim ${notice.claim}` : `possible: ${notice.score}`;
    console.log(`   ${`[${notice.verdict}]`.padEnd(15)} ${notice.statement}\n   ${''.padEnd(15)} ${detail}\n   ${''.padEnd(15)} “${notice.passage}”`);
  }
  console.log('');
  pages.push({ page, popup });
}

// A reader pointing at a passage: the card, then the popup of the same page.
const { page, popup } = pages[1];
const target = await page.evaluate(() => {
  const range = [...(CSS.highlights.get('crosscheck-misleading') ?? CSS.highlights.values().next().value)][0];
  range.startContainer.parentElement.scrollIntoView({ block: 'start' });
  window.scrollBy(0, -120);
  const rect = range.getClientRects()[0];
  return { x: rect.left + Math.min(40, rect.width / 2), y: rect.top + rect.height / 2 };
});
await page.mouse.move(target.x, target.y);
await page.locator('crosscheck-ui [role=dialog]').waitFor();
await page.bringToFront();
await page.screenshot({ path: resolve(out, 'reader-card.png') });
await popup.locator('.claim-entry summary').first().click();
await popup.screenshot({ path: resolve(out, 'popup.png'), fullPage: true });

// The roundup's popup: what it states with other figures, and what it may state, with the sources.
const tiers = pages[PAGES.indexOf(ROUNDUP)].popup;
await tiers.bringToFront();
const differ = tiers.locator('.notice[data-tier="numbers-differ"] .notice-more > summary').first();
if (await differ.count()) await differ.click();
await tiers.screenshot({ path: resolve(out, 'popup-tiers.png'), fullPage: true });

// An annotator tagging a passage no pack knows: select it, "Tag claim", fill in the panel, save.
// A fresh tab of the first article, in front: the reader's tabs above stay as they were.
const annotated = await browser.context.newPage();
await annotated.goto(server.origin + PAGES[0]);
await highlightsOf(annotated);
const sentence = await annotated.evaluate(() => {
  const painted = [...CSS.highlights].flatMap(([, h]) => [...h]);
  for (const p of document.querySelectorAll('article p, main p')) {
    const text = p.textContent ?? '';
    const first = /^[^.!?]{40,160}[.!?]/.exec(text.trim())?.[0];
    if (!first || painted.some((r) => p.contains(r.startContainer))) continue;
    const node = [...p.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.data.includes(first));
    if (!node) continue;
    p.scrollIntoView({ block: 'center' });
    const at = node.data.indexOf(first);
    const range = document.createRange();
    range.setStart(node, at);
    range.setEnd(node, at + first.length);
    const rects = [...range.getClientRects()];
    return { text: first, x1: rects[0].left + 1, y1: rects[0].top + rects[0].height / 2, x2: rects.at(-1).right - 1, y2: rects.at(-1).top + rects.at(-1).height / 2 };
  }
  return null;
});
if (sentence) {
  await annotated.mouse.move(sentence.x1, sentence.y1);
  await annotated.mouse.down();
  await annotated.mouse.move(sentence.x2, sentence.y2, { steps: 5 });
  await annotated.mouse.up();
  await annotated.locator('crosscheck-ui .cc-tag-button').click();
  // The panel's frame sits in a closed shadow root: found among the page's frames.
  let frame;
  while (!(frame = annotated.frames().find((f) => f.url().includes('/annotate.html')))) await annotated.waitForTimeout(50);
  await frame.waitForSelector('form');
  await frame.getByLabel('Verdict').selectOption('unverified');
  await frame.getByLabel(/^Tags/).fill('demo');
  await frame.getByRole('button', { name: 'Add source' }).click();
  await frame.getByLabel('URL').fill(`${server.origin}${PAGES[1]}`);
  await frame.getByLabel('Title').fill('North Korea sends soldiers to rebuild');
  await frame.getByLabel('Stance').selectOption('context');
  await annotated.screenshot({ path: resolve(out, 'annotator-panel.png') });
  await frame.getByRole('button', { name: 'Save' }).click();
  await annotated.waitForFunction(
    (text) => [...(CSS.highlights.get('crosscheck-unverified') ?? [])].some((r) => r.toString() === text),
    sentence.text,
  );
  console.log(`Tagged as a claim and highlighted: "${sentence.text}"`);
}

console.log(`Screenshots: ${resolve(out, 'reader-card.png')}\n             ${resolve(out, 'popup.png')}\n             ${resolve(out, 'popup-tiers.png')}`);
if (sentence) console.log(`             ${resolve(out, 'annotator-panel.png')}`);

if (args.headed) {
  await popup.close();
  console.log('\nThe browser stays open: browse the demo pages, point at highlights, open the toolbar popup.');
  console.log('Close the browser window or press Ctrl+C to end the demo.');
  const stop = async () => {
    await browser.close().catch(() => {});
    await server.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  browser.context.on('close', stop);
} else {
  await browser.close();
  await server.close();
}
