import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { claimViews } from '../../src/db/claim-views';
import type { CrosscheckDatabase } from '../../src/db/crosscheck-database';
import { installPack } from '../../src/db/install-pack';
import { recordKey } from '../../src/db/records';
import { demoPackCopy, freshDatabase, smallPack } from './support/test-database';

let db: CrosscheckDatabase;
beforeEach(() => {
  db = freshDatabase();
});
afterEach(() => db.delete());

describe('claimViews', () => {
  it('resolves each claim with its evidence sources and pack, in the order asked, skipping unknown keys', async () => {
    const demo = demoPackCopy();
    await installPack(db, demo);
    const first = demo.claims[4]!;
    const second = demo.claims[0]!;
    const views = await claimViews(db, [
      recordKey(demo.id, first.id),
      recordKey(demo.id, 'no-such-claim'),
      'unknown-pack/c1',
      recordKey(demo.id, second.id),
    ]);

    expect(views.map((view) => view.key)).toEqual([recordKey(demo.id, first.id), recordKey(demo.id, second.id)]);
    for (const [view, claim] of [[views[0]!, first], [views[1]!, second]] as const) {
      expect(view).toMatchObject({
        statement: claim.statement,
        verdict: claim.verdict,
        summary: claim.summary,
        tags: claim.tags,
        pack: { id: demo.id, name: demo.name, publisher: demo.publisher },
      });
      expect(view.evidence).toEqual(
        claim.evidence.map((evidence) => {
          const source = demo.sources.find((s) => s.id === evidence.source)!;
          return {
            stance: evidence.stance,
            quote: evidence.quote,
            source: { url: source.url, title: source.title, publisher: source.publisher, date: source.date },
          };
        }),
      );
    }
  });

  it('keeps claims with the same local id in two packs apart', async () => {
    const make = (id: string, statement: string) =>
      smallPack({
        id,
        name: `Pack ${id}`,
        claims: [
          {
            id: 'c1',
            statement,
            phrasings: [`${statement} in many words`],
            verdict: 'mixed',
            rating: 'Half True',
            evidence: [{ source: 's1', stance: 'context', quote: 'a quote' }],
          },
        ],
      });
    await installPack(db, make('pack-a', 'Statement of A'));
    await installPack(db, make('pack-b', 'Statement of B'));
    const views = await claimViews(db, ['pack-b/c1', 'pack-a/c1']);
    expect(views.map((v) => [v.statement, v.pack.name, v.rating])).toEqual([
      ['Statement of B', 'Pack pack-b', 'Half True'],
      ['Statement of A', 'Pack pack-a', 'Half True'],
    ]);
  });

  it('returns nothing for no keys', async () => {
    await installPack(db, demoPackCopy());
    expect(await claimViews(db, [])).toEqual([]);
  });
});
