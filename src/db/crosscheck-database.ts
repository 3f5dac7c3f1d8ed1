import Dexie, { type Table, type Transaction } from 'dexie';
import type { ClaimIndexSnapshot } from '../matching/claim-index';
import { storedClaimHash, storedSourceHash } from './content-hash';
import type { ClaimRecord, PackRecord, SitePreference, SourceRecord, SubscriptionRecord } from './records';

export interface PackIndexRecord {
  packId: string;
  packVersion: number;
  index: ClaimIndexSnapshot;
}

/**
 * The claim database. It is opened only in the extension's own origin (background, popup,
 * options): IndexedDB opened from a content script would belong to the visited site.
 *
 * Versions: every schema change adds a `this.version(n)` with an upgrade function and a test in
 * tests/unit/database-upgrades.test.ts that opens real data of version n-1.
 *   1: packs, claims, sources, the per-pack match index, per-site preferences.
 *   2: subscriptions; a content hash on every claim and source (indexed with the pack id) so a new
 *      pack version rewrites only what changed; packs record their removals.
 */
export class CrosscheckDatabase extends Dexie {
  packs!: Table<PackRecord, string>;
  claims!: Table<ClaimRecord, string>;
  sources!: Table<SourceRecord, string>;
  packIndexes!: Table<PackIndexRecord, string>;
  sitePreferences!: Table<SitePreference, string>;
  subscriptions!: Table<SubscriptionRecord, string>;

  constructor(name = 'crosscheck', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      packs: 'id',
      claims: 'key, packId, verdict, *tags',
      sources: 'key, packId',
      packIndexes: 'packId',
      sitePreferences: 'host',
    });
    this.version(2)
      .stores({
        claims: 'key, packId, verdict, *tags, [packId+contentHash]',
        sources: 'key, packId, [packId+contentHash]',
        subscriptions: 'url, packId',
      })
      .upgrade(upgradeToVersion2);
  }
}

/** Version 1 rows get the content hash version 2 diffs on, and packs an empty removal list. */
export async function upgradeToVersion2(tx: Transaction): Promise<void> {
  await tx.table('claims').toCollection().modify((claim: Record<string, unknown>) => {
    claim.contentHash = storedClaimHash(claim);
  });
  await tx.table('sources').toCollection().modify((source: Record<string, unknown>) => {
    source.contentHash = storedSourceHash(source);
  });
  await tx.table('packs').toCollection().modify((pack: Record<string, unknown>) => {
    pack.removals ??= [];
  });
}

let shared: CrosscheckDatabase | undefined;

/** The one database of this extension context. */
export function database(): CrosscheckDatabase {
  shared ??= new CrosscheckDatabase();
  return shared;
}
