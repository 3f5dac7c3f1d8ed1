import { ClaimSchema, type Claim } from '../schema/claim';
import { SourceSchema, type Source } from '../schema/source';

/**
 * A fingerprint of a claim's or source's content, so a new version of a pack rewrites only the
 * rows that changed. Zod's output lists keys in schema order, so JSON.stringify of a parsed value
 * is stable; stored records are parsed again first (which also drops `key`, `packId` and the hash).
 * 53 bits of cyrb53: a collision would only skip rewriting an unchanged-looking row.
 */
function cyrb53(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export const claimContentHash = (claim: Claim): string => cyrb53(JSON.stringify(claim));
export const sourceContentHash = (source: Source): string => cyrb53(JSON.stringify(source));

/**
 * For rows written before hashes existed (database version 1). A row that no longer fits its
 * schema must not stop the upgrade (the database would never open again): it keeps its place with
 * a hash no valid row can have, so the next version of its pack rewrites it, and readers skip it.
 */
export const storedClaimHash = (record: unknown): string => {
  const parsed = ClaimSchema.safeParse(record);
  return parsed.success ? claimContentHash(parsed.data) : `damaged-${cyrb53(JSON.stringify(record) ?? '')}`;
};
export const storedSourceHash = (record: unknown): string => {
  const parsed = SourceSchema.safeParse(record);
  return parsed.success ? sourceContentHash(parsed.data) : `damaged-${cyrb53(JSON.stringify(record) ?? '')}`;
};
