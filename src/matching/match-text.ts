import { hashTokens, searchClaimIndex, type ClaimIndexSnapshot, type PhraseHit } from './claim-index';
import { tokenize } from './tokenize';

/** Searches one text against several indexes (one per installed pack), tokenizing it once. */
export function matchText(indexes: Iterable<ClaimIndexSnapshot>, text: string): PhraseHit[] {
  const tokens = tokenize(text);
  const hashes = hashTokens(tokens);
  const hits: PhraseHit[] = [];
  for (const index of indexes) hits.push(...searchClaimIndex(index, tokens, hashes));
  return hits.sort((a, b) => a.start - b.start || a.end - b.end);
}
