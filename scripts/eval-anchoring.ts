/**
 * `npm run eval:anchoring`: how the anchoring engine holds up on real news pages that change.
 *
 * For each page of ../shared/fixtures/news-pages (mozilla/readability test pages and the
 * article-extraction-benchmark pages), in Debian's Chromium with the page's scripts disabled:
 * pick up to 10 sentences of the true article text that occur once in the page, describe each
 * from the DOM as the extension would, then on a fresh copy of the page apply one mutation and
 * anchor again:
 *
 *   unchanged        control: nothing changed
 *   insert-before    a paragraph inserted before the sentence's paragraph (stale position)
 *   correct-word     one word of the sentence replaced (right place: the edited sentence)
 *   rewrap           the paragraph's whitespace re-wrapped (newlines and indentation)
 *   duplicate-after  a near-identical copy of the paragraph, one word changed, inserted after it
 *   delete           the sentence's paragraph removed (right answer: orphaned)
 *
 * Outcomes: correct (anchored at the right place, or orphaned after delete), uncertain at the
 * right or the wrong place, orphaned, wrong (anchored anywhere else). The goal is zero wrong.
 *
 * Writes bench/results/anchoring-eval.md and .json. The fixtures are not part of the repository:
 * without ../shared/fixtures/news-pages the script says so and exits 0.
 *
 *   npm run eval:anchoring [-- --sentences=10] [-- --page=bbc-1]
 *
 * For calibration runs: --src=DIR bundles DIR/scripts/eval-anchoring/page-side.ts (with its own
 * copy of src/anchoring, for example with other thresholds) instead of this repository's, and
 * --out=DIR writes the results there instead of bench/results.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { chromium, type Page } from 'playwright-core';
import {
  AMBIGUITY_MARGIN,
  ANCHORED_SCORE,
  CONTEXT_SUPPORT,
  SHORT_QUOTE_CHARS,
  UNCERTAIN_SCORE,
} from '../src/anchoring/anchor-selectors';
import { chromiumPath, INSTALL_HINT } from './find-chromium.mjs';
import { CONTEXTS, MUTATIONS, type ContextMode, type Mutation, type Outcome, type Trial } from './eval-anchoring/page-side';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FIXTURES = resolve(ROOT, '../shared/fixtures/news-pages');
const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const SOURCE = resolve(arg('src') ?? ROOT);
const RESULTS = resolve(arg('out') ?? join(ROOT, 'bench/results'));
const OUTCOMES: Outcome[] = ['correct', 'uncertain-right', 'uncertain-wrong', 'orphaned', 'wrong', 'skipped'];

const SENTENCES = Number(arg('sentences') ?? 10);
const ONLY = arg('page');

interface NewsPage {
  name: string;
  source: string;
  html: string;
  trueText: string | null;
  trueHtml: string | null;
  lang: string;
}

function loadPages(): NewsPage[] {
  const pages: NewsPage[] = [];
  const readability = join(FIXTURES, 'readability');
  if (existsSync(readability))
    for (const name of readdirSync(readability).sort()) {
      const dir = join(readability, name);
      if (!existsSync(join(dir, 'source.html'))) continue;
      const metadata = existsSync(join(dir, 'expected-metadata.json'))
        ? (JSON.parse(readFileSync(join(dir, 'expected-metadata.json'), 'utf8')) as { lang?: string })
        : {};
      pages.push({
        name,
        source: 'readability',
        html: readFileSync(join(dir, 'source.html'), 'utf8'),
        trueText: null,
        trueHtml: readFileSync(join(dir, 'expected.html'), 'utf8'),
        lang: metadata.lang?.slice(0, 2) || 'en',
      });
    }
  const benchmark = join(FIXTURES, 'extraction-benchmark');
  if (existsSync(join(benchmark, 'ground-truth.json'))) {
    const truth = JSON.parse(readFileSync(join(benchmark, 'ground-truth.json'), 'utf8')) as Record<string, { articleBody: string }>;
    for (const [hash, { articleBody }] of Object.entries(truth)) {
      const file = join(benchmark, 'html', `${hash}.html.gz`);
      if (!existsSync(file)) continue;
      pages.push({
        name: hash.slice(0, 12),
        source: 'extraction-benchmark',
        html: gunzipSync(readFileSync(file)).toString('utf8'),
        trueText: articleBody,
        trueHtml: null,
        lang: 'en',
      });
    }
  }
  return ONLY ? pages.filter((p) => p.name === ONLY) : pages;
}

async function bundle(): Promise<string> {
  const result = await build({
    entryPoints: [join(SOURCE, 'scripts/eval-anchoring/page-side.ts')],
    nodePaths: [join(ROOT, 'node_modules')],
    bundle: true,
    format: 'iife',
    globalName: 'anchoringEval',
    platform: 'browser',
    target: 'chrome120',
    write: false,
    logLevel: 'silent',
    // a global the evaluate calls below can reach, however the code is injected
    footer: { js: 'globalThis.anchoringEval = anchoringEval;' },
  });
  return result.outputFiles[0]!.text;
}

type Counts = Record<Outcome, number>;
const emptyCounts = (): Counts => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Counts;

interface PageReport {
  name: string;
  source: string;
  textLength: number;
  sentences: number;
  trials: Trial[];
}

async function evaluatePage(page: Page, news: NewsPage, code: string): Promise<PageReport> {
  await page.setContent(news.html, { waitUntil: 'domcontentloaded', timeout: 60_000 });
  // With the page's scripts disabled a <script> tag would not run either: evaluate the bundle.
  await page.evaluate(code);
  const textLength = await page.evaluate(() => (globalThis as any).anchoringEval.init() as number);
  const sentences = await page.evaluate(
    ([text, html, max, lang]) => (globalThis as any).anchoringEval.pickSentences(text, html, max, lang) as string[],
    [news.trueText, news.trueHtml, SENTENCES, news.lang] as const,
  );
  const trials: Trial[] = [];
  for (const [i, sentence] of sentences.entries())
    for (const mutation of MUTATIONS)
      trials.push(
        ...(await page.evaluate(
          ([s, m, seed]) => (globalThis as any).anchoringEval.trial(s, m, seed) as Trial[],
          [sentence, mutation, i + 1] as const,
        )),
      );
  return { name: news.name, source: news.source, textLength, sentences: sentences.length, trials };
}

function countBy(trials: Trial[]): Map<Mutation, Counts> {
  const table = new Map<Mutation, Counts>(MUTATIONS.map((m) => [m, emptyCounts()]));
  for (const t of trials) table.get(t.mutation)![t.outcome]++;
  return table;
}

function markdownTable(table: Map<Mutation, Counts>): string {
  const header = `| mutation | ${OUTCOMES.join(' | ')} | trials |`;
  const rule = `|---|${OUTCOMES.map(() => '---:').join('|')}|---:|`;
  const total = emptyCounts();
  const rows = [...table].map(([mutation, counts]) => {
    for (const o of OUTCOMES) total[o] += counts[o];
    const n = OUTCOMES.reduce((sum, o) => sum + (o === 'skipped' ? 0 : counts[o]), 0);
    return `| ${mutation} | ${OUTCOMES.map((o) => counts[o]).join(' | ')} | ${n} |`;
  });
  const n = OUTCOMES.reduce((sum, o) => sum + (o === 'skipped' ? 0 : total[o]), 0);
  rows.push(`| **total** | ${OUTCOMES.map((o) => `**${total[o]}**`).join(' | ')} | **${n}** |`);
  return [header, rule, ...rows].join('\n');
}

const percentile = (values: number[], p: number): number => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};

async function main(): Promise<void> {
  if (!existsSync(FIXTURES)) {
    console.log(`eval:anchoring: no news pages at ${FIXTURES} (../shared/fixtures/news-pages). Nothing to evaluate.`);
    return;
  }
  const executablePath = chromiumPath();
  if (!executablePath) {
    console.error(INSTALL_HINT);
    process.exit(1);
  }
  const pages = loadPages();
  if (pages.length === 0) {
    console.log(`eval:anchoring: ${FIXTURES} holds no pages${ONLY ? ` named ${ONLY}` : ''}.`);
    return;
  }
  const code = await bundle();
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu'] });
  const reports: PageReport[] = [];
  try {
    for (const news of pages) {
      const context = await browser.newContext({ javaScriptEnabled: false });
      // Offline: the pages' images, styles and trackers are not fetched.
      await context.route('**/*', (route) => route.abort());
      const page = await context.newPage();
      try {
        const report = await evaluatePage(page, news, code);
        reports.push(report);
        const summary = CONTEXTS.map((context) => {
          const counts = emptyCounts();
          for (const t of report.trials) if (t.context === context) counts[t.outcome]++;
          return `${context}: ${OUTCOMES.filter((o) => counts[o]).map((o) => `${o} ${counts[o]}`).join(', ')}`;
        });
        console.log(`${news.source}/${news.name}: ${report.sentences} sentences; ${summary.join('; ')}`);
      } catch (error) {
        console.log(`${news.source}/${news.name}: failed (${(error as Error).message.split('\n')[0]})`);
      } finally {
        await context.close();
      }
    }
  } finally {
    await browser.close();
  }

  const trials = reports.flatMap((r) => r.trials);
  const byContext = (context: ContextMode) => trials.filter((t) => t.context === context);
  const wrong = trials.filter((t) => t.outcome === 'wrong');
  const uncertainWrong = trials.filter((t) => t.outcome === 'uncertain-wrong');
  const times = trials.filter((t) => t.ms !== undefined).map((t) => t.ms!);
  const thresholds = { ANCHORED_SCORE, UNCERTAIN_SCORE, AMBIGUITY_MARGIN, CONTEXT_SUPPORT, SHORT_QUOTE_CHARS };
  const timing =
    `Anchoring time per passage (whole page text): median ${percentile(times, 0.5).toFixed(1)} ms, ` +
    `p95 ${percentile(times, 0.95).toFixed(1)} ms, max ${Math.max(0, ...times).toFixed(1)} ms.`;
  const describeTrial = (t: Trial) =>
    `- ${t.context}, ${t.mutation}${t.note ? ` (${t.note})` : ''}: "${t.sentence.slice(0, 70)}" → ` +
    `"${(t.anchoredText ?? '').replace(/\s+/g, ' ').slice(0, 70)}" (score ${t.result?.score.toFixed(3)}, ${t.result?.method}, ${t.result?.reason ?? 'no reason'})`;
  const pageCounts = (r: PageReport, context: ContextMode) => {
    const c = emptyCounts();
    for (const t of r.trials) if (t.context === context) c[t.outcome]++;
    return `${c.correct} / ${c['uncertain-right'] + c['uncertain-wrong']} / ${c.orphaned} / ${c.wrong}`;
  };

  const lines = [
    '# Anchoring evaluation',
    '',
    `Generated by \`npm run eval:anchoring\` on ${new Date().toISOString().slice(0, 10)}: ` +
      `${reports.length} news pages, ${reports.reduce((n, r) => n + r.sentences, 0)} sentences, ` +
      `up to ${SENTENCES} per page, each described twice (context counted raw, as stored by default, and with ` +
      'whitespace runs collapsed). See docs/anchoring.md for what the mutations and outcomes mean.',
    '',
    `Thresholds: ${Object.entries(thresholds).map(([k, v]) => `${k} ${v}`).join(', ')}.`,
    '',
    ...CONTEXTS.flatMap((context) => [`## Context ${context}`, '', markdownTable(countBy(byContext(context))), '']),
    timing,
    '',
    '## Per page (correct / uncertain / orphaned / wrong)',
    '',
    `| page | source | text length | sentences | ${CONTEXTS.join(' | ')} |`,
    `|---|---|---:|---:|${CONTEXTS.map(() => '---').join('|')}|`,
    ...reports.map(
      (r) => `| ${r.name} | ${r.source} | ${r.textLength} | ${r.sentences} | ${CONTEXTS.map((c) => pageCounts(r, c)).join(' | ')} |`,
    ),
    '',
    '## Wrong landings',
    '',
    ...(wrong.length ? wrong.map(describeTrial) : ['None.']),
    '',
    '## Uncertain at the wrong place',
    '',
    ...(uncertainWrong.length ? uncertainWrong.map(describeTrial) : ['None.']),
    '',
  ];
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'anchoring-eval.md'), lines.join('\n'));
  const where = RESULTS === join(ROOT, 'bench/results') ? 'bench/results' : RESULTS;
  // Counts for every trial; details (with short snippets of the publishers' text) only for the
  // trials that did not come out correct.
  const snippet = (text: string | undefined) => (text ?? '').replace(/\s+/g, ' ').slice(0, 100);
  const summary = {
    generated: new Date().toISOString(),
    thresholds,
    sentencesPerPage: SENTENCES,
    totals: Object.fromEntries(CONTEXTS.map((c) => [c, Object.fromEntries(countBy(byContext(c)))])),
    pages: reports.map((r) => ({
      name: r.name,
      source: r.source,
      textLength: r.textLength,
      sentences: r.sentences,
      counts: Object.fromEntries(CONTEXTS.map((c) => [c, Object.fromEntries(countBy(r.trials.filter((t) => t.context === c)))])),
    })),
    notCorrect: trials
      .filter((t) => t.outcome !== 'correct')
      .map(({ selectors: _selectors, sentence, anchoredText, ...rest }) => ({
        ...rest,
        sentence: snippet(sentence),
        anchoredText: snippet(anchoredText),
      })),
  };
  writeFileSync(join(RESULTS, 'anchoring-eval.json'), JSON.stringify(summary, null, 1));

  for (const context of CONTEXTS) {
    console.log(`\nContext ${context}:`);
    console.log(markdownTable(countBy(byContext(context))));
  }
  console.log('');
  console.log(timing);
  console.log(`${wrong.length} wrong landing(s). Written: ${where}/anchoring-eval.md, ${where}/anchoring-eval.json`);
}

await main();
