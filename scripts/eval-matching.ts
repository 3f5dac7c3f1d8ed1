/**
 * `npm run eval`: how well the claim matcher finds claims on page text, and how well it ranks them.
 *
 * 1. eval/matching/cases.json: short texts, each judged against one claim of the demo pack
 *    (scripts/eval-matching/cases-schema.ts). Every text is matched against the whole demo pack;
 *    the case gets the tier of the best match for its claim. Reports precision and recall per
 *    tier, results per kind of case, near misses (a text that changes the claim, matched as
 *    confirmed), missed positives, and "stray" confirmations of other claims for a human to read.
 * 2. CLEF-2020 CheckThat! task 2, dev split (../shared/fixtures/claim-matching/clef2020-task2, not
 *    part of the repository): the matcher as a retrieval system over the 10,375 verified claims,
 *    MAP@5 and P@1, against an Okapi BM25 baseline computed in the same run.
 *
 * Writes bench/results/matching-eval.md and .json. Exits 0 when goals are missed (the "Goals"
 * section says which), 1 only when an input is unreadable or invalid.
 *
 *   npm run eval [-- --title] [-- --cases <path>]
 *
 * --title   adds each verified claim's title (the fact-checker's headline) to its phrasings and to
 *           BM25's document; by default both use the verified claim alone.
 * --cases   another cases file instead of eval/matching/cases.json.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordKey } from '../src/db/records';
import { buildClaimIndex } from '../src/matching/claim-index';
import { matchText, type ClaimMatch } from '../src/matching/match-text';
import { rankClaims } from '../src/matching/rank-claims';
import { demoPack } from '../src/packs/demo-pack';
import { buildBm25Index, searchBm25 } from './eval-matching/bm25';
import { parseEvalCases, type EvalCase } from './eval-matching/cases-schema';
import { ClefDataError, loadClefData, type ClefData } from './eval-matching/clef-data';
import { meanAveragePrecision, precisionAt1, type RankedQuery } from './eval-matching/retrieval-metrics';
import { scoreCases, type CaseOutcome, type CasesScore } from './eval-matching/score-cases';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CLEF_DIR = resolve(ROOT, '../shared/fixtures/claim-matching/clef2020-task2');
const RESULTS = join(ROOT, 'bench/results');
const DEFAULT_CASES = join(ROOT, 'eval/matching/cases.json');
const CLEF_SPLIT = 'dev';
const CUTOFF = 5;
/** Claim keys for the verified claims: any prefix works, it only has to look like `<pack>/<id>`. */
const CLEF_PACK = 'clef2020-task2';

const GOALS = { confirmedPrecision: 0.98, confirmedRecall: 0.9 };

interface Options {
  title: boolean;
  cases: string;
}

// npm runs scripts from the package root: a relative --cases means relative to where it was typed.
const fromCaller = (path: string): string => resolve(process.env.INIT_CWD ?? process.cwd(), path);

function parseArgs(argv: readonly string[]): Options {
  const options: Options = { title: false, cases: DEFAULT_CASES };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--title') options.title = true;
    else if (a === '--cases' && argv[i + 1] !== undefined) options.cases = fromCaller(argv[++i]!);
    else if (a.startsWith('--cases=')) options.cases = fromCaller(a.slice('--cases='.length));
    else {
      console.error(`eval: unknown argument ${a}\nusage: npm run eval [-- --title] [-- --cases <path>]`);
      process.exit(1);
    }
  }
  return options;
}

const now = (): number => performance.now();
const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};
const fmt = (value: number | null, digits = 3): string => (value === null ? 'n/a' : value.toFixed(digits));
const ms = (value: number | null): string => (value === null ? 'n/a' : `${value.toFixed(3)} ms`);
const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();
const cell = (text: string): string => oneLine(text).replace(/\|/g, '\\|');
const shown = (path: string): string => (path.startsWith(ROOT) ? relative(ROOT, path) : path);

// ---------------------------------------------------------------------------------------------
// Part 1: the cases

interface CasesResult {
  file: string;
  score: CasesScore;
  cases: EvalCase[];
  matches: ClaimMatch[][];
  packClaims: number;
  skippedPhrasings: { key: string; phrasing: string }[];
  caseMs: number[];
}

function runCases(file: string): CasesResult {
  const cases = parseEvalCases(readFileSync(file, 'utf8'), shown(file));
  const pack = demoPack();
  const claimIds = new Set(pack.claims.map((c) => c.id));
  // A case may name its claim by id or by full key.
  const keyOf = (c: EvalCase) => (c.claim.startsWith(`${pack.id}/`) ? c.claim : recordKey(pack.id, c.claim));
  const unknown = cases.filter((c) => !claimIds.has(keyOf(c).slice(pack.id.length + 1)));
  if (unknown.length)
    throw new Error(
      `${shown(file)}: cases name claims the demo pack does not have:\n` +
        unknown.map((c) => `  ${c.id}: "${c.claim}"`).join('\n'),
    );

  const { snapshot, skipped } = buildClaimIndex(
    pack.claims.map((c) => ({ key: recordKey(pack.id, c.id), phrasings: c.phrasings, statement: c.statement })),
  );
  const caseMs: number[] = [];
  const matches = cases.map((c) => {
    const start = now();
    const found = matchText([snapshot], c.text);
    caseMs.push(now() - start);
    return found;
  });
  const score = scoreCases(cases.map((c, i) => ({ evalCase: c, claimKey: keyOf(c), matches: matches[i]! })));
  return { file, score, cases, matches, packClaims: pack.claims.length, skippedPhrasings: skipped, caseMs };
}

// ---------------------------------------------------------------------------------------------
// Part 2: CLEF-2020 CheckThat! task 2

interface SystemResult {
  map5: number;
  p1: number;
  /** queries for which the system returned nothing */
  emptyRankings: number;
  queryMs: number[];
}

interface ClefResult {
  dir: string;
  split: string;
  title: boolean;
  claims: number;
  tweets: number;
  judgedQueries: number;
  danglingQrels: number;
  skippedPhrasings: number;
  indexMs: number;
  bm25IndexMs: number;
  matcher: SystemResult;
  bm25: SystemResult;
  /** per query, for the JSON: the two rankings and the relevant claims */
  queries: { tweetId: string; relevant: string[]; matcher: string[]; bm25: string[] }[];
}

function runClef(data: ClefData, title: boolean): ClefResult {
  const key = (id: string) => recordKey(CLEF_PACK, id);
  const idOf = (claimKey: string) => claimKey.slice(CLEF_PACK.length + 1);
  let start = now();
  const { snapshot, skipped } = buildClaimIndex(
    data.claims.map((c) => ({
      key: key(c.id),
      statement: c.vclaim,
      phrasings: title && c.title ? [c.vclaim, c.title] : [c.vclaim],
    })),
  );
  const indexMs = now() - start;
  start = now();
  const bm25 = buildBm25Index(data.claims.map((c) => ({ id: c.id, text: title && c.title ? `${c.vclaim}\n${c.title}` : c.vclaim })));
  const bm25IndexMs = now() - start;

  const relevant = new Map<string, Set<string>>();
  for (const q of data.qrels)
    if (q.relevance > 0) {
      if (!relevant.has(q.tweetId)) relevant.set(q.tweetId, new Set());
      relevant.get(q.tweetId)!.add(q.claimId);
    }
  // Queries without a relevant claim are skipped, as the metrics leave them out anyway.
  const judged = data.tweets.filter((t) => relevant.has(t.id));

  const matcherRuns: RankedQuery[] = [];
  const bm25Runs: RankedQuery[] = [];
  const matcherMs: number[] = [];
  const bm25Ms: number[] = [];
  const queries: ClefResult['queries'] = [];
  for (const tweet of judged) {
    const rel = relevant.get(tweet.id)!;
    let t = now();
    const ranked = rankClaims([snapshot], tweet.text, CUTOFF).map((r) => idOf(r.claimKey));
    matcherMs.push(now() - t);
    t = now();
    const baseline = searchBm25(bm25, tweet.text, CUTOFF).map((hit) => hit.id);
    bm25Ms.push(now() - t);
    matcherRuns.push({ ranked, relevant: rel });
    bm25Runs.push({ ranked: baseline, relevant: rel });
    queries.push({ tweetId: tweet.id, relevant: [...rel], matcher: ranked, bm25: baseline });
  }
  const system = (runs: RankedQuery[], times: number[]): SystemResult => ({
    map5: meanAveragePrecision(runs, CUTOFF),
    p1: precisionAt1(runs),
    emptyRankings: runs.filter((r) => r.ranked.length === 0).length,
    queryMs: times,
  });
  return {
    dir: CLEF_DIR,
    split: CLEF_SPLIT,
    title,
    claims: data.claims.length,
    tweets: data.tweets.length,
    judgedQueries: judged.length,
    danglingQrels: data.danglingQrels.length,
    skippedPhrasings: skipped.length,
    indexMs,
    bm25IndexMs,
    matcher: system(matcherRuns, matcherMs),
    bm25: system(bm25Runs, bm25Ms),
    queries,
  };
}

// ---------------------------------------------------------------------------------------------
// The report

type GoalState = 'met' | 'not met' | 'not measured';
interface Goal {
  goal: string;
  state: GoalState;
  value: string;
}

function goals(cases: CasesResult | null, clef: ClefResult | null): Goal[] {
  const confirmed = cases?.score.tiers.find((t) => t.tier === 'confirmed');
  const atLeast = (value: number | null | undefined, target: number): GoalState =>
    value === undefined ? 'not measured' : value !== null && value >= target ? 'met' : 'not met';
  return [
    {
      goal: `confirmed precision ≥ ${GOALS.confirmedPrecision}`,
      state: atLeast(confirmed?.precision, GOALS.confirmedPrecision),
      value: confirmed ? `${fmt(confirmed.precision)} (${confirmed.correct}/${confirmed.predicted})` : '—',
    },
    {
      goal: `confirmed recall ≥ ${GOALS.confirmedRecall}`,
      state: atLeast(confirmed?.recall, GOALS.confirmedRecall),
      value: confirmed ? `${fmt(confirmed.recall)} (${confirmed.correct}/${confirmed.expected})` : '—',
    },
    {
      goal: 'zero near misses',
      state: cases ? (cases.score.nearMisses.length === 0 ? 'met' : 'not met') : 'not measured',
      value: cases ? String(cases.score.nearMisses.length) : '—',
    },
    {
      goal: 'CLEF MAP@5 above BM25',
      state: clef ? (clef.matcher.map5 > clef.bm25.map5 ? 'met' : 'not met') : 'not measured',
      value: clef ? `${fmt(clef.matcher.map5)} vs ${fmt(clef.bm25.map5)}` : '—',
    },
  ];
}

const outcomeLine = (o: CaseOutcome) => `- **${o.id}** (${o.kind}, ${o.claimKey}, expected ${o.expected}, got ${o.got}): ${oneLine(o.text)}`;

function casesSection(result: CasesResult | null, skipNote: string | null): string[] {
  if (!result) return ['## Cases', '', skipNote ?? 'Not run.', ''];
  const { score } = result;
  const lines = [
    '## Cases',
    '',
    `${score.outcomes.length} cases from ${shown(result.file)}, matched against the demo pack ` +
      `(${result.packClaims} claims; ${result.skippedPhrasings.length} phrasing(s) too short to index).`,
    '',
    '### Per tier',
    '',
    '| tier | predicted | expected | correct | precision | recall |',
    '|---|---:|---:|---:|---:|---:|',
    ...score.tiers.map((t) => `| ${t.tier} | ${t.predicted} | ${t.expected} | ${t.correct} | ${fmt(t.precision)} | ${fmt(t.recall)} |`),
    '',
    '### Per kind',
    '',
    '| kind | cases | as expected | got instead |',
    '|---|---:|---:|---|',
    ...score.kinds.map((k) => {
      const instead = Object.entries(k.instead).map(([tier, n]) => `${tier} ${n}`).join(', ');
      return `| ${k.kind} | ${k.count} | ${k.count ? k.asExpected : '—'} | ${instead || (k.count ? '' : 'no cases')} |`;
    }),
    '',
    `### Near misses (${score.nearMisses.length})`,
    '',
    'Texts that change the claim (a figure, date, unit, actor, negation, deployment) or are about something else, matched as confirmed.',
    '',
    ...(score.nearMisses.length ? score.nearMisses.map(outcomeLine) : ['None.']),
    '',
    `### Missed positives (${score.missedPositives.length})`,
    '',
    ...(score.missedPositives.length ? score.missedPositives.map(outcomeLine) : ['None.']),
    '',
    `### Stray confirmations (${score.strays.length})`,
    '',
    "Confirmed matches of claims other than the case's own. Each is wrong unless the text states that claim too: read them.",
    '',
    ...(score.strays.length
      ? score.strays.map((s) => `- **${s.caseId}**: ${s.claimKey} confirmed on “${oneLine(s.excerpt)}” in: ${oneLine(s.text)}`)
      : ['None.']),
    '',
  ];
  if (result.skippedPhrasings.length)
    lines.push('Demo pack phrasings not indexed (too short):', '', ...result.skippedPhrasings.map((s) => `- ${s.key}: “${s.phrasing}”`), '');
  return lines;
}

function clefSection(result: ClefResult | null, skipNote: string | null): string[] {
  if (!result) return ['## CLEF-2020 CheckThat! task 2', '', skipNote ?? 'Not run.', ''];
  const m = result.matcher;
  const b = result.bm25;
  const ratio = (x: number, y: number) => (y === 0 ? 'n/a' : `${(x / y).toFixed(2)}×`);
  return [
    `## CLEF-2020 CheckThat! task 2 (${result.split})`,
    '',
    `${result.judgedQueries} tweets with a relevant verified claim (of ${result.tweets}), ranked against ${result.claims} verified claims. ` +
      `Claim wording: statement = vclaim, phrasings = ${result.title ? '[vclaim, title] (--title)' : '[vclaim] (default; --title adds the title)'}; ` +
      `BM25 document = ${result.title ? 'vclaim + title' : 'vclaim'}. ` +
      `${result.skippedPhrasings} phrasing(s) too short for the matcher to index.` +
      (result.danglingQrels ? ` ${result.danglingQrels} judgement(s) name a tweet or claim missing from the files and were left out.` : ''),
    '',
    '| system | MAP@5 | P@1 | empty rankings | median time per tweet |',
    '|---|---:|---:|---:|---:|',
    `| matcher (rankClaims) | ${fmt(m.map5)} | ${fmt(m.p1)} | ${m.emptyRankings} | ${ms(median(m.queryMs))} |`,
    `| BM25 (k1 0.9, b 0.4) | ${fmt(b.map5)} | ${fmt(b.p1)} | ${b.emptyRankings} | ${ms(median(b.queryMs))} |`,
    `| matcher / BM25 | ${ratio(m.map5, b.map5)} | ${ratio(m.p1, b.p1)} | | ${ratio(median(m.queryMs) ?? 0, median(b.queryMs) ?? 0)} |`,
    '',
    `Index build: matcher ${result.indexMs.toFixed(0)} ms, BM25 ${result.bm25IndexMs.toFixed(0)} ms.`,
    '',
  ];
}

function timingSection(cases: CasesResult | null, clef: ClefResult | null): string[] {
  const perCase = cases ? median(cases.caseMs) : null;
  const perTweet = clef ? median(clef.matcher.queryMs) : null;
  const perQuery = clef ? median(clef.bm25.queryMs) : null;
  return [
    '## Timings',
    '',
    `- matcher (matchText, demo pack) per case: median ${ms(perCase)}`,
    `- matcher (rankClaims, CLEF claims) per tweet: median ${ms(perTweet)}`,
    `- BM25 per query: median ${ms(perQuery)}`,
    `- matcher per tweet / BM25 per query: ${perTweet !== null && perQuery ? `${(perTweet / perQuery).toFixed(2)}×` : 'n/a'}`,
    '',
  ];
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const flags = [options.title ? '--title' : '', options.cases !== DEFAULT_CASES ? `--cases ${shown(options.cases)}` : '']
    .filter(Boolean)
    .join(' ');
  let failed = false;

  let cases: CasesResult | null = null;
  let casesNote: string | null = null;
  if (!existsSync(options.cases)) {
    casesNote = `No cases file at ${options.cases}: skipping the cases evaluation.`;
    console.log(casesNote);
  } else {
    try {
      cases = runCases(options.cases);
    } catch (error) {
      casesNote = `Cases not evaluated: ${(error as Error).message}`;
      console.error(casesNote);
      failed = true;
    }
  }

  let clef: ClefResult | null = null;
  let clefNote: string | null = null;
  if (!existsSync(CLEF_DIR)) {
    clefNote = `CLEF-2020 task 2 data not found at ${CLEF_DIR}: skipping the retrieval evaluation`;
    console.log(clefNote);
  } else {
    try {
      clef = runClef(loadClefData(CLEF_DIR, CLEF_SPLIT), options.title);
    } catch (error) {
      if (!(error instanceof ClefDataError)) throw error;
      clefNote = `CLEF-2020 task 2 data not usable: ${error.message}`;
      console.error(clefNote);
      failed = true;
    }
  }

  const goalList = goals(cases, clef);
  const lines = [
    '# Matching evaluation',
    '',
    `Generated by \`npm run eval${flags ? ` -- ${flags}` : ''}\` on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    '## Goals',
    '',
    '| goal | value | |',
    '|---|---|---|',
    ...goalList.map((g) => `| ${g.goal} | ${g.value} | ${g.state} |`),
    '',
    ...casesSection(cases, casesNote),
    ...clefSection(clef, clefNote),
    ...timingSection(cases, clef),
  ];
  const markdown = lines.join('\n');
  console.log(`\n${markdown}`);

  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(join(RESULTS, 'matching-eval.md'), markdown);
  const excerpt = (text: string, m: ClaimMatch) => oneLine(text.slice(m.start, m.end));
  const summary = {
    generated: new Date().toISOString(),
    options: { title: options.title, cases: shown(options.cases) },
    goals: goalList,
    cases: cases
      ? {
          file: shown(cases.file),
          tiers: cases.score.tiers,
          kinds: cases.score.kinds,
          nearMisses: cases.score.nearMisses.map((o) => o.id),
          missedPositives: cases.score.missedPositives.map(({ id, expected, got }) => ({ id, expected, got })),
          strays: cases.score.strays.map(({ text: _text, ...rest }) => rest),
          medianMsPerCase: median(cases.caseMs),
          outcomes: cases.score.outcomes.map(({ text: _text, ...o }, i) => ({
            ...o,
            matches: cases!.matches[i]!.map((m) => ({
              claimKey: m.claimKey,
              tier: m.tier,
              start: m.start,
              end: m.end,
              score: m.score,
              excerpt: excerpt(cases!.cases[i]!.text, m),
              notes: m.why.notes,
            })),
          })),
        }
      : { skipped: casesNote },
    clef: clef
      ? {
          split: clef.split,
          title: clef.title,
          claims: clef.claims,
          judgedQueries: clef.judgedQueries,
          danglingQrels: clef.danglingQrels,
          skippedPhrasings: clef.skippedPhrasings,
          matcher: { map5: clef.matcher.map5, p1: clef.matcher.p1, emptyRankings: clef.matcher.emptyRankings, medianMsPerTweet: median(clef.matcher.queryMs) },
          bm25: { map5: clef.bm25.map5, p1: clef.bm25.p1, emptyRankings: clef.bm25.emptyRankings, medianMsPerQuery: median(clef.bm25.queryMs) },
          indexMs: { matcher: clef.indexMs, bm25: clef.bm25IndexMs },
          queries: clef.queries,
        }
      : { skipped: clefNote },
  };
  writeFileSync(join(RESULTS, 'matching-eval.json'), JSON.stringify(summary, null, 1));
  console.log(`Written: ${shown(join(RESULTS, 'matching-eval.md'))}, ${shown(join(RESULTS, 'matching-eval.json'))}`);
  if (failed) process.exitCode = 1;
}

await main();
