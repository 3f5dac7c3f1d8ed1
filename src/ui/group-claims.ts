import { phraseWords } from '../matching/tokenize';
import type { ClaimView } from '../messaging/claim-view';

/**
 * Claims from different packs that state the same thing (the same statement once folded, or a
 * shared phrasing), grouped so a reader sees each publisher's verdict side by side instead of the
 * same claim twice. Order is kept: a group sits where its first claim was.
 */
export function groupSameClaims(claims: readonly ClaimView[]): ClaimView[][] {
  const groups: ClaimView[][] = [];
  const groupOf = new Map<string, ClaimView[]>();
  for (const claim of claims) {
    const signatures = [claim.statement, ...(claim.phrasings ?? [])].map((text) => phraseWords(text).join(' ')).filter(Boolean);
    const existing = signatures.map((s) => groupOf.get(s)).find((g) => g !== undefined);
    const group = existing ?? [];
    if (!existing) groups.push(group);
    group.push(claim);
    for (const signature of signatures) groupOf.set(signature, group);
  }
  return groups;
}
