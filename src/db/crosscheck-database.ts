import Dexie, { type Table } from 'dexie';
import type { ClaimIndexSnapshot } from '../matching/claim-index';
import type { ClaimRecord, PackRecord, SitePreference, SourceRecord } from './records';

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
 */
export class CrosscheckDatabase extends Dexie {
  packs!: Table<PackRecord, string>;
  claims!: Table<ClaimRecord, string>;
  sources!: Table<SourceRecord, string>;
  packIndexes!: Table<PackIndexRecord, string>;
  sitePreferences!: Table<SitePreference, string>;

  constructor(name = 'crosscheck', options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      packs: 'id',
      claims: 'key, packId, verdict, *tags',
      sources: 'key, packId',
      packIndexes: 'packId',
      sitePreferences: 'host',
    });
  }
}

let shared: CrosscheckDatabase | undefined;

/** The one database of this extension context. */
export function database(): CrosscheckDatabase {
  shared ??= new CrosscheckDatabase();
  return shared;
}
