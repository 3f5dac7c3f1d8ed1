import { describe, expect, it } from 'vitest';
import { exportPack } from '../../src/db/export-pack';
import { installPack } from '../../src/db/install-pack';
import { claimToClaimReview } from '../../src/packs/claimreview/export-claimreview';
import { importFactChecks } from '../../src/packs/claimreview/import-fact-checks';
import { parsePack } from '../../src/packs/parse-pack';
import { prettyCanonicalJson } from '../../src/packs/canonical-json';
import { demoPackCopy, freshDatabase } from './support/test-database';

describe('exportPack', () => {
  it('gives back the installed pack as a file that imports to the same pack, its claims in their order', async () => {
    const db = freshDatabase();
    const pack = { ...demoPackCopy(), removals: [{ id: 'withdrawn-claim', reason: 'Duplicate' }] };
    await installPack(db, pack);
    const exported = await exportPack(db, pack.id);
    expect(exported).not.toBeNull();
    const reparsed = parsePack(prettyCanonicalJson(exported));
    expect(reparsed.ok && reparsed.pack).toEqual({
      ...pack,
      sources: [...pack.sources].sort((a, b) => (a.id < b.id ? -1 : 1)),
    });
    expect(JSON.stringify(exported)).not.toMatch(/contentHash|"packId"|"key"/);
  });

  it('is null for a pack that is not installed', async () => {
    expect(await exportPack(freshDatabase(), 'nope')).toBeNull();
  });

  it('each claim exports as ClaimReview that imports back with its statement and verdict', async () => {
    const pack = demoPackCopy();
    for (const claim of pack.claims.slice(0, 5)) {
      const review = claimToClaimReview(claim, pack.sources, pack);
      const back = importFactChecks(JSON.stringify(review), { origin: 'https://example.org/' });
      expect(back.ok && back.pack.claims.map((c) => [c.statement, c.verdict])).toEqual([[claim.statement, claim.verdict]]);
    }
  });
});
