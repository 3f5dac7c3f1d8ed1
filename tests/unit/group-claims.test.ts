import { describe, expect, it } from 'vitest';
import type { ClaimView } from '../../src/messaging/claim-view';
import { groupSameClaims } from '../../src/ui/group-claims';

const view = (key: string, statement: string, verdict: ClaimView['verdict'], phrasings: string[] = []): ClaimView => ({
  key,
  statement,
  verdict,
  summary: '',
  tags: [],
  phrasings,
  pack: { id: key.split('/')[0]!, name: key, publisher: key.split('/')[0]! },
  evidence: [],
});

describe('groupSameClaims', () => {
  it('puts the same claim from two packs together, with each verdict kept', () => {
    const a = view('desk-a/1', 'Unemployment has doubled since 2020.', 'false');
    const b = view('desk-b/9', 'Unemployment has DOUBLED since 2020', 'mostly-false');
    const other = view('desk-a/2', 'Prices have doubled since 2020.', 'true');
    expect(groupSameClaims([a, other, b]).map((g) => g.map((c) => c.key))).toEqual([['desk-a/1', 'desk-b/9'], ['desk-a/2']]);
  });

  it('also groups claims worded differently that share a phrasing', () => {
    const a = view('a/1', 'Russia could not confirm the deployment.', 'false', ['Russia claims conflicting information prevents it']);
    const b = view('b/1', 'Moscow cited conflicting information.', 'mixed', ['Russia claims “conflicting information” prevents it']);
    expect(groupSameClaims([a, b])).toHaveLength(1);
  });

  it('keeps different claims with the same numbers apart', () => {
    const a = view('a/1', 'North Korea sent 13,000 workers to Russia.', 'unverified');
    const b = view('a/2', 'North Korea sent 13,000 containers to Russia.', 'unverified');
    expect(groupSameClaims([a, b])).toHaveLength(2);
  });
});
