import { readFileSync } from 'node:fs';
import { phraseWords } from '../../src/matching/tokenize';
import { PackSchema, type Pack } from '../../src/schema/pack';

/**
 * What a reader should see on each demo page, derived from the built-in pack and the seed text
 * (not written out by hand): every claim phrasing that occurs in the article, under its verdict.
 */
export const demoPack: Pack = PackSchema.parse(
  JSON.parse(readFileSync(new URL('../../src/packs/demo-pack.json', import.meta.url), 'utf8')),
);

export const DEMO_PAGES = [
  { path: '/articles/soldiers-told-they-were-fighting-americans.html', seed: 'article-a.txt' },
  { path: '/articles/north-korea-sends-soldiers-to-rebuild.html', seed: 'article-b.txt' },
] as const;

const words = (text: string) => phraseWords(text).join(' ');

export function expectedHighlights(seedFile: string): { claim: string; verdict: string; phrasing: string }[] {
  const seed = words(readFileSync(new URL(`../fixtures/seeds/${seedFile}`, import.meta.url), 'utf8'));
  return demoPack.claims.flatMap((claim) =>
    claim.phrasings
      .filter((phrasing) => seed.includes(words(phrasing)))
      .map((phrasing) => ({ claim: claim.id, verdict: claim.verdict, phrasing })),
  );
}

/** A text as the matcher compares it: folded words joined by spaces. */
export const wordsOf = words;
