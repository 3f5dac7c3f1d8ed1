import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import type { CrosscheckDatabase } from '../../src/db/crosscheck-database';
import { demoPackDismissed, dismissDemoPack } from '../../src/db/demo-pack-dismissal';
import { ensureDemoPack } from '../../src/db/ensure-demo-pack';
import { DEMO_PACK_ID } from '../../src/packs/demo-pack';
import { demoPackCopy, freshDatabase, storedClaims } from './support/test-database';

let db: CrosscheckDatabase;
beforeEach(() => {
  fakeBrowser.reset();
  db = freshDatabase();
});
afterEach(() => db.delete());

describe('ensureDemoPack', () => {
  it('installs the demo pack as built in on a new profile', async () => {
    const result = await ensureDemoPack(db);
    expect(result.status).toBe('installed');
    expect(await db.packs.get(DEMO_PACK_ID)).toMatchObject({ builtIn: true });
    expect((await storedClaims(db)).length).toBe(demoPackCopy().claims.length);
  });

  it('leaves exactly one copy when onInstalled and the first page message race', async () => {
    const demo = demoPackCopy();
    const results = await Promise.all([ensureDemoPack(db), ensureDemoPack(db)]);
    expect(results.map((r) => r.status).sort()).toEqual(['installed', 'unchanged']);
    expect(await db.packs.count()).toBe(1);
    expect(await db.packIndexes.count()).toBe(1);
    expect((await storedClaims(db)).length).toBe(demo.claims.length);
    expect(await db.sources.count()).toBe(demo.sources.length);
  });

  it('installs nothing once the user has dismissed the demo pack', async () => {
    expect(await ensureDemoPack(db, async () => true)).toEqual({ status: 'dismissed' });
    expect(await db.packs.count()).toBe(0);
    expect((await storedClaims(db)).length).toBe(0);
  });

  it('remembers the dismissal in extension storage', async () => {
    expect(await demoPackDismissed()).toBe(false);
    await dismissDemoPack();
    expect(await ensureDemoPack(db, demoPackDismissed)).toEqual({ status: 'dismissed' });
    expect(await db.packs.count()).toBe(0);
  });
});
