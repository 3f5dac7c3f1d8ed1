/**
 * Synthetic claim packs for the benchmark. Words come from real news text (the seed articles and,
 * when present, the readability fixture pages), drawn by their frequency there, so statement and
 * phrasing lengths, word lengths and common-word trigrams look like the real thing.
 *
 * Every pack is `core + filler`: the core claims are the same in every size, and claim i of the
 * filler is the same in every pack that has it (each claim has its own seeded generator). So a
 * 250k pack contains the 1k pack's claims, and the bench can assert that both find the same
 * claims on the same pages.
 *
 * Core claims:
 *   - the 18 claims of the built-in demo pack (src/packs/demo-pack.json), so the demo pages match;
 *   - "page" claims whose phrasings are spans of the largest fixture page's paragraphs;
 *   - "planted" claims whose phrasings the bench writes into its generated pages;
 *   - two probes: `probe-import` (on /probe/import.html) and `probe-sync`, whose phrasing changes
 *     in version 2 (on /probe/sync.html), to time "file to searchable".
 */
import { readFileSync, readdirSync, existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { articlePage } from './bench-server';
import { random } from './seeded-random';

export const PACK_ID = 'bench-synthetic';
export const FIXTURES_DIR = new URL('../../shared/fixtures/news-pages/readability/', import.meta.url);
const SEEDS_DIR = new URL('../tests/fixtures/seeds/', import.meta.url);
const DEMO_PACK = new URL('../src/packs/demo-pack.json', import.meta.url);

const VERDICTS = ['false', 'mostly-false', 'misleading', 'mixed', 'unverified', 'mostly-true', 'true'] as const;

export { random } from './seeded-random';

export const between = (rng: () => number, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

/** Visible-ish text of an HTML page: scripts, styles and tags dropped, entities for quotes decoded. */
export function htmlText(html: string): string {
  return html
    .replace(/<(script|style|noscript|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&#8217;|&rsquo;/g, '’')
    .replace(/&#8220;|&ldquo;|&#8221;|&rdquo;|&quot;/g, '"')
    .replace(/&[a-z0-9#]+;/gi, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

export interface FixturePage {
  name: string;
  file: string;
  bytes: number;
  textChars: number;
}

/** The readability fixture pages (source.html), largest text first; empty when shared/ is missing. */
export function fixturePages(): FixturePage[] {
  const dir = FIXTURES_DIR.pathname;
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((name) => ({ name, file: join(dir, name, 'source.html') }))
    .filter(({ file }) => existsSync(file))
    .map(({ name, file }) => ({
      name,
      file,
      bytes: statSync(file).size,
      textChars: htmlText(readFileSync(file, 'utf8')).length,
    }))
    .sort((a, b) => b.textChars - a.textChars);
}

const ENGLISH_FUNCTION_WORDS = new Set(['the', 'and', 'of', 'to', 'in', 'is', 'that', 'for', 'on', 'was']);

/** English text has about one function word in five; French, Spanish or German far fewer of these. */
function isEnglish(text: string): boolean {
  const words = text.toLowerCase().split(/\s+/).filter(Boolean);
  return words.length > 200 && words.filter((w) => ENGLISH_FUNCTION_WORDS.has(w)).length / words.length > 0.12;
}

/** Words of real news text with their frequencies, for sampling. */
export interface Vocabulary {
  words: string[];
  /** cumulative counts, for sampling by frequency */
  cumulative: Float64Array;
  total: number;
  sourceWords: number;
}

export function loadVocabulary(): Vocabulary {
  const texts: string[] = [];
  for (const name of readdirSync(SEEDS_DIR.pathname).filter((n) => n.endsWith('.txt')))
    texts.push(readFileSync(new URL(name, SEEDS_DIR), 'utf8'));
  // Article paragraphs only (not menus and footers), and only the English pages.
  for (const page of fixturePages()) {
    const html = readFileSync(page.file, 'utf8');
    const paragraphs = [...html.matchAll(/<p\b[^>]*>([\s\S]*?)<\/p>/gi)].map((m) => htmlText(m[1]!)).join(' ');
    if (isEnglish(paragraphs)) texts.push(paragraphs);
  }
  const counts = new Map<string, number>();
  let sourceWords = 0;
  for (const text of texts)
    for (const match of text.matchAll(/\p{L}[\p{L}\p{N}’']*|\p{N}+(?:[.,]\p{N}+)*/gu)) {
      // Drop stray apostrophes at the ends ("Trump’s" stays, "’tis" becomes "tis").
      const word = match[0].replace(/^['’]+|['’]+$/g, '');
      if (!word || word.length > 20) continue;
      counts.set(word, (counts.get(word) ?? 0) + 1);
      sourceWords++;
    }
  const words = [...counts.keys()];
  const cumulative = new Float64Array(words.length);
  let total = 0;
  words.forEach((word, i) => {
    total += counts.get(word)!;
    cumulative[i] = total;
  });
  return { words, cumulative, total, sourceWords };
}

function sampleWord(vocabulary: Vocabulary, rng: () => number): string {
  const target = rng() * vocabulary.total;
  let lo = 0;
  let hi = vocabulary.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (vocabulary.cumulative[mid]! <= target) lo = mid + 1;
    else hi = mid;
  }
  return vocabulary.words[lo]!;
}

export function sampleWords(vocabulary: Vocabulary, rng: () => number, count: number): string[] {
  return Array.from({ length: count }, () => sampleWord(vocabulary, rng));
}

/** A sentence of `min`–`max` words, capitalised, with a full stop. */
export function sentence(vocabulary: Vocabulary, rng: () => number, min: number, max: number): string {
  const words = sampleWords(vocabulary, rng, between(rng, min, max));
  const first = words[0]!;
  words[0] = first.charAt(0).toUpperCase() + first.slice(1);
  return `${words.join(' ')}.`;
}

export interface BenchClaim {
  id: string;
  statement: string;
  phrasings: string[];
  verdict: string;
  summary?: string;
  tags?: string[];
  claimed?: string;
  reviewed?: string;
  evidence?: { source: string; stance: string; quote: string }[];
}

/** A synthetic claim: statement 12–30 words, 1–3 phrasings of 8–20 words, no summary or evidence. */
export function syntheticClaim(vocabulary: Vocabulary, id: string, seed: number): BenchClaim {
  const rng = random(seed);
  const statement = sentence(vocabulary, rng, 12, 30);
  const phrasings = Array.from({ length: between(rng, 1, 3) }, () => sampleWords(vocabulary, rng, between(rng, 8, 20)).join(' '));
  return { id, statement, phrasings, verdict: VERDICTS[Math.floor(rng() * VERDICTS.length)]! };
}

const SHARED_SOURCE = {
  id: 'bench-source',
  url: 'https://example.org/crosscheck-bench',
  title: 'Synthetic benchmark source',
  publisher: 'Crosscheck bench',
};

export interface CoreClaims {
  claims: BenchClaim[];
  /** phrasings of the planted claims, to write into generated pages */
  planted: string[];
  probeImport: string;
  /** the probe-sync phrasing in version 1 (on no page) and in version 2 (on /probe/sync.html) */
  probeSyncV1: string;
  probeSyncV2: string;
  demoSources: unknown[];
}

export interface PackSpec {
  claims: number;
  version: number;
  /** filler claim numbers whose content differs in this version */
  changed: Set<number>;
}

/**
 * The claims every pack shares. `pagePhrasings` are spans of the largest page's paragraphs
 * (found in the browser by the bench, so they are text a reader sees).
 */
export function coreClaims(vocabulary: Vocabulary, pagePhrasings: string[], plantedCount: number): CoreClaims {
  const demo = JSON.parse(readFileSync(DEMO_PACK, 'utf8')) as { claims: BenchClaim[]; sources: unknown[] };
  const claims: BenchClaim[] = demo.claims.map((claim) => ({ ...claim }));
  pagePhrasings.forEach((phrasing, i) => {
    const rng = random(0x5eed0000 + i);
    claims.push({
      id: `page-${String(i + 1).padStart(3, '0')}`,
      statement: sentence(vocabulary, rng, 12, 30),
      phrasings: [phrasing],
      verdict: VERDICTS[i % VERDICTS.length]!,
      evidence: [{ source: SHARED_SOURCE.id, stance: 'context', quote: phrasing }],
    });
  });
  const planted: string[] = [];
  for (let i = 0; i < plantedCount; i++) {
    const claim = syntheticClaim(vocabulary, `planted-${String(i + 1).padStart(3, '0')}`, 0x91a47000 + i);
    claim.phrasings = claim.phrasings.slice(0, 1);
    planted.push(claim.phrasings[0]!);
    claims.push(claim);
  }
  const rng = random(0x9e0be);
  return {
    claims,
    planted,
    probeImport: sampleWords(vocabulary, rng, 14).join(' '),
    probeSyncV1: sampleWords(vocabulary, rng, 14).join(' '),
    probeSyncV2: sampleWords(vocabulary, rng, 14).join(' '),
    demoSources: demo.sources,
  };
}

/** Filler claim numbers that version 2 changes: 1% of the pack, spread evenly (the probe is one). */
export function changedForSync(claims: number, fillerCount: number): Set<number> {
  const target = Math.max(1, Math.round(claims / 100)) - 1;
  const changed = new Set<number>();
  if (target <= 0 || fillerCount <= 0) return changed;
  const step = fillerCount / target;
  for (let i = 0; i < target; i++) changed.add(Math.floor(i * step));
  return changed;
}

/** All the claims of a pack of `spec.claims` claims. */
export function packClaims(vocabulary: Vocabulary, core: CoreClaims, spec: PackSpec): BenchClaim[] {
  const fillerCount = spec.claims - core.claims.length - 2;
  if (fillerCount < 0) throw new Error(`a pack needs at least ${core.claims.length + 2} claims`);
  const claims = [...core.claims];
  for (let i = 0; i < fillerCount; i++) {
    // A changed claim gets new content from another seed: new statement, phrasings and verdict.
    const seed = spec.changed.has(i) ? 0x7f4a7c15 ^ (i * 2654435761) : i * 2654435761 + 0x1234567;
    claims.push(syntheticClaim(vocabulary, `c-${String(i + 1).padStart(6, '0')}`, seed >>> 0));
  }
  claims.push({
    id: 'probe-import',
    statement: 'The benchmark probe for import timing appears on one page only.',
    phrasings: [core.probeImport],
    verdict: 'unverified',
  });
  claims.push({
    id: 'probe-sync',
    statement: 'The benchmark probe for sync timing changes its wording in version 2.',
    phrasings: [spec.version >= 2 ? core.probeSyncV2 : core.probeSyncV1],
    verdict: 'mixed',
  });
  return claims;
}

/** Pack JSON for a list of claims (one part of a pack, or all of it). */
export function packJson(id: string, version: number, claims: BenchClaim[], core: CoreClaims, label: string): string {
  return JSON.stringify({
    format: 'crosscheck-pack',
    formatVersion: 1,
    id,
    name: `Crosscheck bench ${label}`,
    publisher: 'Crosscheck bench',
    version,
    published: '2026-11',
    license: 'CC0-1.0',
    sources: [...core.demoSources, SHARED_SOURCE],
    claims,
  });
}

/** One planted phrasing per this many characters of a generated page. */
export const PLANT_EVERY = 4000;

/** An article of about `chars` characters of generated sentences, with planted phrasings in it. */
export function generatedPage(vocabulary: Vocabulary, chars: number, planted: string[]): string {
  const rng = random(0xbe9c0000 + chars);
  const paragraphs: string[] = [];
  let length = 0;
  let nextPlant = PLANT_EVERY / 2;
  let plantedCount = 0;
  while (length < chars) {
    const sentences: string[] = [];
    for (let i = between(rng, 3, 6); i > 0; i--) sentences.push(sentence(vocabulary, rng, 12, 30));
    if (length >= nextPlant) {
      // A planted phrasing as a sentence of its own, in the middle of the paragraph.
      sentences.splice(1, 0, `${planted[plantedCount % planted.length]!}.`);
      plantedCount++;
      nextPlant += PLANT_EVERY;
    }
    const paragraph = sentences.join(' ');
    paragraphs.push(paragraph);
    length += paragraph.length + 1;
  }
  return articlePage(`Generated article of ${chars.toLocaleString('en')} characters`, paragraphs);
}
