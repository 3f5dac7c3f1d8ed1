import type { Pack } from '../schema/pack';

/**
 * A ClaimReview import adds to what the same publisher's earlier imports installed, instead of
 * being refused as "already installed": fact checks arrive file by file, and each file is
 * version 1 of nothing. Claims and sources are merged by id (the newer file wins), and the
 * version grows by one when anything changed, so the usual install (and its diff) applies.
 */
export function mergeFactCheckPacks(installed: Pack, incoming: Pack): Pack {
  const claims = new Map(installed.claims.map((claim) => [claim.id, claim]));
  for (const claim of incoming.claims) claims.set(claim.id, claim);
  const sources = new Map(installed.sources.map((source) => [source.id, source]));
  for (const source of incoming.sources) sources.set(source.id, source);
  const merged: Pack = {
    ...installed,
    claims: [...claims.values()],
    sources: [...sources.values()],
    removals: installed.removals.filter((removal) => !claims.has(removal.id)),
  };
  const same =
    JSON.stringify(sortById(merged.claims)) === JSON.stringify(sortById(installed.claims)) &&
    JSON.stringify(sortById(merged.sources)) === JSON.stringify(sortById(installed.sources));
  return same ? installed : { ...merged, version: installed.version + 1, published: incoming.published };
}

const sortById = <T extends { id: string }>(items: readonly T[]): T[] => [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
