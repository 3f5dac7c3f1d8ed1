import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { blockSlices, createMatchService } from '../../src/background/match-service';
import { BLOCK_BREAK } from '../../src/matching/tokenize';
import type { CrosscheckDatabase } from '../../src/db/crosscheck-database';
import { ensureDemoPack } from '../../src/db/ensure-demo-pack';
import { installPack } from '../../src/db/install-pack';
import { recordKey } from '../../src/db/records';
import { DEMO_PACK_ID } from '../../src/packs/demo-pack';
import { demoPackCopy, freshDatabase, smallPack } from './support/test-database';

let db: CrosscheckDatabase;
beforeEach(() => {
  db = freshDatabase();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await db.delete();
});

const demoClaim = (id: string) => {
  const claim = demoPackCopy().claims.find((c) => c.id === id);
  if (!claim) throw new Error(`no demo claim ${id}`);
  return { key: recordKey(DEMO_PACK_ID, claim.id), phrasing: claim.phrasings[0]! };
};
const deaths = demoClaim('ukraine-3000-nk-deaths');
const segment = (text: string, id = 0) => ({ id, text: `According to officials, ${text}. More follows.` });

const otherPack = smallPack({
  id: 'other-pack',
  claims: [{ id: 'c1', statement: 'Cats can see in total darkness', phrasings: ['cats can see in total darkness'], verdict: 'false' }],
});

describe('createMatchService', () => {
  it('loads the indexes from the database once for many pages', async () => {
    await ensureDemoPack(db);
    const toArray = vi.spyOn(db.packIndexes, 'toArray');
    const service = createMatchService(db);
    await Promise.all([service.match([segment(deaths.phrasing)]), service.match([segment('nothing here')])]);
    const { hits } = await service.match([segment(deaths.phrasing)]);
    expect(hits.map((hit) => hit.claim)).toEqual([deaths.key]);
    expect(toArray).toHaveBeenCalledTimes(1);
  });

  it('preload() reads the indexes ahead of the page, once, and a failed read is tried again by the page', async () => {
    await ensureDemoPack(db);
    const toArray = vi.spyOn(db.packIndexes, 'toArray').mockRejectedValueOnce(new Error('disk is busy'));
    const service = createMatchService(db);
    service.preload();
    await vi.waitFor(() => expect(toArray).toHaveBeenCalledTimes(1));
    service.preload();
    await vi.waitFor(() => expect(toArray).toHaveBeenCalledTimes(2));
    const { hits } = await service.match([segment(deaths.phrasing)]);
    expect(hits.map((hit) => hit.claim)).toEqual([deaths.key]);
    expect(toArray).toHaveBeenCalledTimes(2);
  });

  it('skips a stored index whose claim keys are damaged, and still matches with the others', async () => {
    await ensureDemoPack(db);
    await installPack(db, otherPack);
    const shard = (await db.indexShards.get(['other-pack', 0]))!;
    await db.indexShards.put({ ...shard, claimKeys: [42 as unknown as string] });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const service = createMatchService(db);
    // Neither the first answer of a worker just woken nor the complete one trusts the damaged pack.
    expect(await service.match([segment('cats can see in total darkness')])).toMatchObject({ hits: [], partial: true });
    expect((await service.complete([segment('cats can see in total darkness')])).hits).toEqual([]);
    expect((await service.match([segment(deaths.phrasing)])).hits.map((hit) => hit.claim)).toEqual([deaths.key]);
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('match index'),
      expect.objectContaining({ message: expect.stringContaining('claim keys must be a list of strings') }),
    );
  });

  it('reloads after invalidate(), so a newly installed pack is matched', async () => {
    await ensureDemoPack(db);
    const toArray = vi.spyOn(db.packIndexes, 'toArray');
    const service = createMatchService(db);
    await service.match([segment(deaths.phrasing)]);
    await installPack(db, otherPack);
    service.invalidate();
    const { hits } = await service.match([segment('cats can see in total darkness')]);
    expect(hits.map((hit) => hit.claim)).toEqual([recordKey('other-pack', 'c1')]);
    expect(toArray).toHaveBeenCalledTimes(2);
  });

  it('waits for the demo pack to be installed before the first match', async () => {
    const service = createMatchService(db, () => ensureDemoPack(db));
    const { hits } = await service.match([segment(deaths.phrasing)]);
    expect(hits.map((hit) => hit.claim)).toEqual([deaths.key]);
  });

  it('tries again on the next page after loading failed', async () => {
    await ensureDemoPack(db);
    const ready = vi.fn<() => Promise<void>>().mockRejectedValueOnce(new Error('not ready')).mockResolvedValue();
    const service = createMatchService(db, ready);
    await expect(service.match([segment(deaths.phrasing)])).rejects.toThrow('not ready');
    const { hits } = await service.match([segment(deaths.phrasing)]);
    expect(hits.map((hit) => hit.claim)).toEqual([deaths.key]);
  });

  it('reports the segment and offsets of each hit', async () => {
    await ensureDemoPack(db);
    const service = createMatchService(db);
    const text = `Recap: ${deaths.phrasing}, officials said.`;
    const { hits } = await service.match([{ id: 5, text: 'No claims in this paragraph.' }, { id: 9, text }]);
    const start = text.indexOf(deaths.phrasing);
    expect(hits).toEqual([{ segment: 9, start, end: start + deaths.phrasing.length, claim: deaths.key }]);
  });

  it('never highlights a passage whose numbers differ from the claim', async () => {
    await ensureDemoPack(db);
    const service = createMatchService(db);
    expect(deaths.phrasing).toContain('3,000 deaths');
    const withNumber = (n: string) => segment(deaths.phrasing.replace('3,000', n));
    for (const figure of ['300', '30,000', '3,0000']) {
      const { hits, notices } = await service.complete([withNumber(figure)]);
      expect(hits).toEqual([]);
      // listed for the popup instead, as the same claim with another figure
      expect(notices.map((n) => [n.claimKey, n.tier, n.why.pageFigures.join(',')])).toEqual([[deaths.key, 'numbers-differ', figure]]);
    }
    // The same number is still found, with or without its thousands separator.
    expect((await service.match([withNumber('3,000')])).hits).toHaveLength(1);
    expect((await service.match([withNumber('3000')])).hits).toHaveLength(1);
  });
});

describe('a worker just started', () => {
  const loose = 'Thousands of North Korean troops were sent to fight for Russia in 2024.';
  const statementOnly = demoPackCopy().claims.find((c) => c.id === 'nk-13000-workers-2024')!;

  it('answers from the exact halves and the shards of the claims hit, and complete() adds what other wordings find', async () => {
    await ensureDemoPack(db);
    await installPack(db, otherPack);
    const pairs = vi.spyOn(db.indexPairs, 'get');
    const shards = vi.spyOn(db.indexShards, 'bulkGet');
    const service = createMatchService(db);
    const page = [segment(deaths.phrasing, 0), { id: 1, text: `Officials say ${statementOnly.statement}` }];
    const first = await service.match(page);
    expect(first.partial).toBe(true);
    expect(first.hits.map((hit) => hit.claim)).toEqual([deaths.key]);
    // Only the demo pack's hit claim's shard: the other pack has no phrasing here, and no pairs are read.
    expect(shards.mock.calls).toEqual([[[[DEMO_PACK_ID, 0]]]]);
    expect(pairs).not.toHaveBeenCalled();

    const whole = await service.complete(page);
    expect(whole.partial).toBe(false);
    expect(whole.hits.map((hit) => hit.claim)).toEqual([deaths.key, recordKey(DEMO_PACK_ID, statementOnly.id)]);
    // The claim already shown is matched the same: the rest only adds.
    expect(whole.hits.filter((hit) => hit.claim === deaths.key)).toEqual(first.hits);
    expect(pairs).toHaveBeenCalledTimes(2);
    // From now on the page is answered in full at once.
    expect(await service.match([segment(loose)])).toMatchObject({ partial: false });
  });

  it('never checks a phrasing of one install with the forms of another', async () => {
    await ensureDemoPack(db);
    const service = createMatchService(db);
    await service.match([segment('nothing to see here')]);
    // A new version installed, and a page asks before the worker is told (invalidate()): the exact
    // half in memory is the old install's, the shards on disk the new one's.
    await installPack(db, { ...demoPackCopy(), version: 2 });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await service.match([segment(deaths.phrasing)])).toEqual({ hits: [], notices: [], partial: true });
    expect((await service.complete([segment(deaths.phrasing)])).hits).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('match index'), expect.objectContaining({ message: expect.stringContaining('another install') }));
    service.invalidate();
    expect((await service.match([segment(deaths.phrasing)])).hits.map((hit) => hit.claim)).toEqual([deaths.key]);
  });

  it('shows nothing of a pack whose index is not all there, as the complete answer will not', async () => {
    await ensureDemoPack(db);
    await db.indexPairs.delete(DEMO_PACK_ID);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const service = createMatchService(db);
    expect(await service.match([segment(deaths.phrasing)])).toEqual({ hits: [], notices: [], partial: true });
    expect((await service.complete([segment(deaths.phrasing)])).hits).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('match index'), expect.objectContaining({ message: expect.stringContaining('no valid pairs') }));
  });

  it('shows nothing of a pack whose shard does not fit its exact half', async () => {
    await ensureDemoPack(db);
    const shard = (await db.indexShards.get([DEMO_PACK_ID, 0]))!;
    await db.indexShards.put({ ...shard, formSlot: shard.formSlot.subarray(1) });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const service = createMatchService(db);
    expect(await service.match([segment(deaths.phrasing)])).toEqual({ hits: [], notices: [], partial: true });
    expect((await service.complete([segment(deaths.phrasing)])).hits).toEqual([]);
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('match index'), expect.objectContaining({ message: expect.stringContaining('arrays of different lengths') }));
  });

  it('is never partial with no pack installed', async () => {
    expect(await createMatchService(db).match([segment(deaths.phrasing)])).toEqual({ hits: [], notices: [], partial: false });
  });

  it('does not keep a whole index read before invalidate()', async () => {
    await ensureDemoPack(db);
    const service = createMatchService(db);
    // The read of the whole index is held until the other pack is installed and invalidate() called.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const get = db.indexPairs.get.bind(db.indexPairs) as (key: string) => Promise<unknown>;
    vi.spyOn(db.indexPairs, 'get').mockImplementationOnce((async (key: string) => {
      await held;
      return get(key);
    }) as never);
    const reading = service.complete([segment(deaths.phrasing)]);
    await vi.waitFor(() => expect(db.indexPairs.get).toHaveBeenCalled());
    await installPack(db, otherPack);
    service.invalidate();
    release();
    expect((await reading).hits.map((hit) => hit.claim)).toEqual([deaths.key]);
    // Answered from what is stored now, not from the read begun before the install.
    const first = await service.match([segment('cats can see in total darkness')]);
    expect(first).toMatchObject({ partial: true, hits: [{ claim: recordKey('other-pack', 'c1') }] });
  });
});

describe('possible matches, looked for after the page is answered', () => {
  const loose = 'Thousands of North Korean troops were sent to fight for Russia in 2024.';
  const troops = recordKey(DEMO_PACK_ID, 'nk-troops-10k-12k-2024');
  const filler = (n: number) => Array.from({ length: n }, (_, i) => `Paragraph ${i} is about the weather in the mountains.`).join(BLOCK_BREAK);

  it('are not in the page’s answer, and are found afterwards at their offsets, however far into the page', async () => {
    await ensureDemoPack(db);
    const service = createMatchService(db);
    const text = `${filler(400)}${BLOCK_BREAK}${loose}${BLOCK_BREAK}${filler(3)}`;
    expect(blockSlices(text).length).toBeGreaterThan(2);
    const page = await service.match([{ id: 4, text }]);
    expect(page.notices.filter((n) => n.tier === 'possible')).toEqual([]);
    const possible = await service.possible([{ id: 4, text }]);
    expect(possible?.map((n) => [n.segment, n.claimKey, n.tier])).toEqual([[4, troops, 'possible']]);
    const found = possible![0]!;
    expect(loose.includes(text.slice(found.start, found.end))).toBe(true);
    expect(found.end - found.start).toBeGreaterThan(20);
  });

  it('stop when the page was replaced by a newer one', async () => {
    await ensureDemoPack(db);
    const service = createMatchService(db);
    expect(await service.possible([{ id: 0, text: loose }], () => false)).toBeNull();
  });

  it('search slices that cut only after a block break and together are the text', () => {
    const text = filler(500);
    const slices = blockSlices(text, 1_000);
    expect(slices.map((s) => s.text).join('')).toBe(text);
    for (const slice of slices) {
      expect(text.slice(slice.offset, slice.offset + slice.text.length)).toBe(slice.text);
      if (slice.offset + slice.text.length < text.length) expect(slice.text.endsWith(BLOCK_BREAK)).toBe(true);
    }
    expect(blockSlices('')).toEqual([]);
  });
});
