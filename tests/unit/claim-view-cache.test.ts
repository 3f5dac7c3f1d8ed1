import { describe, expect, it, vi } from 'vitest';
import { createClaimViewCache } from '../../src/background/claim-view-cache';
import { isSitePaused, setSitePaused } from '../../src/background/site-preferences';
import { installPack } from '../../src/db/install-pack';
import type { MatchPageReply } from '../../src/messaging/protocol';
import { contentSender, messageHarness, popupSender } from './support/message-harness';
import { demoPackCopy, freshDatabase } from './support/test-database';

/** What pages ask on every load is answered from memory, and never goes stale. */
describe('the claim view cache', () => {
  it('reads each claim from the database once, in the order asked, skipping unknown keys', async () => {
    const db = freshDatabase();
    const pack = demoPackCopy();
    await installPack(db, pack);
    const cache = createClaimViewCache(db);
    const keys = [`${pack.id}/${pack.claims[1]!.id}`, 'nope/none', `${pack.id}/${pack.claims[0]!.id}`];
    const bulkGet = vi.spyOn(db.claimChunks, 'bulkGet');
    const first = await cache.get(keys);
    expect(first.map((v) => v.key)).toEqual([keys[0], keys[2]]);
    expect(await cache.get(keys)).toEqual(first);
    expect(bulkGet).toHaveBeenCalledTimes(2); // the unknown key is asked again, the known ones are not
    cache.clear();
    await cache.get(keys);
    expect(bulkGet).toHaveBeenCalledTimes(3);
  });

  it('a new pack version is what the next page sees, once packs-changed clears it', async () => {
    const db = freshDatabase();
    const pack = demoPackCopy();
    await installPack(db, pack);
    const harness = messageHarness(db, [{ id: 1, url: 'https://news.example/a' }]);
    const claim = pack.claims[0]!;
    const page = { type: 'content/match-page', mode: 'replace', segments: [{ id: 0, text: `Says: ${claim.phrasings[0]}.` }] };
    const before = (await harness.handle(page, contentSender(1, 'https://news.example/a'))) as MatchPageReply;
    expect(before.ok && !before.paused && before.claims[`${pack.id}/${claim.id}`]?.statement).toBe(claim.statement);

    await installPack(db, { ...pack, version: 2, claims: [{ ...claim, statement: 'Revised statement.' }, ...pack.claims.slice(1)] });
    await harness.handle({ type: 'ui/packs-changed' }, popupSender);
    const after = (await harness.handle(page, contentSender(1, 'https://news.example/a'))) as MatchPageReply;
    expect(after.ok && !after.paused && after.claims[`${pack.id}/${claim.id}`]?.statement).toBe('Revised statement.');
  });
});

describe('paused sites', () => {
  it('are read once, then answered from memory, and follow every change', async () => {
    const db = freshDatabase();
    const toArray = vi.spyOn(db.sitePreferences, 'toArray');
    expect(await isSitePaused(db, 'a.example')).toBe(false);
    expect(await isSitePaused(db, 'b.example')).toBe(false);
    expect(toArray).toHaveBeenCalledTimes(1);
    await setSitePaused(db, 'a.example', true);
    expect(await isSitePaused(db, 'a.example')).toBe(true);
    expect(await db.sitePreferences.get('a.example')).toEqual({ host: 'a.example', paused: true });
    await setSitePaused(db, 'a.example', false);
    expect(await isSitePaused(db, 'a.example')).toBe(false);
    expect(await db.sitePreferences.count()).toBe(0);
  });
});
