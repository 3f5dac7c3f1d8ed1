import { describe, expect, it } from 'vitest';
import { EXIT_INVALID, EXIT_OK, EXIT_USAGE } from '../../../src/cli/cli-io';
import { changedFields, diff } from '../../../src/cli/diff';
import { stats } from '../../../src/cli/stats';
import { packContentHash } from '../../../src/packs/pack-signature';
import { demoPackRaw } from '../support/test-database';
import { captureIo, tempDir, writeIn } from './cli-harness';

describe('crosscheck-pack diff', () => {
  it('lists claims added, removed and changed (with fields), sources, pack fields and removals', async () => {
    const dir = await tempDir();
    const before = demoPackRaw();
    const after = demoPackRaw();
    after.version = 2;
    after.name = 'Renamed pack';
    const [first, second, third] = after.claims as [typeof after.claims[0], typeof after.claims[0], typeof after.claims[0]];
    first.verdict = first.verdict === 'false' ? 'true' : 'false';
    first.phrasings = [...first.phrasings, 'one more wording of the very same claim'];
    after.claims = after.claims.filter((claim) => claim !== second && claim !== third);
    after.claims.push({ ...structuredClone(third), id: 'brand-new-claim' });
    Object.assign(after, { removals: [{ id: second.id, reason: 'Withdrawn after a correction.' }] });
    after.sources[1]!.title = 'A corrected title';

    const cap = captureIo();
    expect(await diff([await writeIn(dir, 'old.json', before), await writeIn(dir, 'new.json', after)], cap.io)).toBe(EXIT_OK);
    expect(cap.err).toEqual([]);
    expect(cap.out).toEqual([
      'version: 1 -> 2',
      'pack fields changed: name',
      `claims: 1 added, 2 removed, 1 changed, ${before.claims.length - 3} unchanged`,
      '  + brand-new-claim',
      `  - ${second.id} (listed in removals)`,
      `  - ${third.id} (not listed in removals)`,
      `  ~ ${first.id}: phrasings, verdict`,
      'sources: 0 added, 0 removed, 1 changed, 1 unchanged',
      `  ~ ${before.sources[1]!.id}: title`,
      'removals: 1 new, 1 in all',
      `  x ${second.id}: Withdrawn after a correction.`,
    ]);
  });

  it('warns when the new version is not greater, or the ids differ', async () => {
    const dir = await tempDir();
    const before = demoPackRaw();
    const after = { ...demoPackRaw(), id: 'other-id' };
    const newFile = await writeIn(dir, 'new.json', after);
    const cap = captureIo();
    expect(await diff([await writeIn(dir, 'old.json', before), newFile], cap.io)).toBe(EXIT_OK);
    expect(cap.out.slice(0, 2)).toEqual(['version: 1 -> 1', 'pack fields changed: id']);
    expect(cap.stderr()).toContain(`${newFile} has version 1, not greater than 1`);
    expect(cap.stderr()).toContain('different ids');
  });

  it('does not count fields that only differ by their defaults', () => {
    expect(changedFields({ a: 1, b: [] }, { b: [], a: 1 })).toEqual([]);
    expect(changedFields({ a: 1, b: undefined }, { a: 1 })).toEqual([]);
    expect(changedFields({ a: { x: 1, y: 2 } }, { a: { y: 2, x: 1 } })).toEqual([]);
    expect(changedFields({ a: 1 }, { a: 2, c: 3 })).toEqual(['a', 'c']);
  });

  it('names an invalid file and exits 1; wrong arguments exit 2', async () => {
    const dir = await tempDir();
    const bad = await writeIn(dir, 'bad.json', '{');
    const cap = captureIo();
    expect(await diff([await writeIn(dir, 'ok.json', demoPackRaw()), bad], cap.io)).toBe(EXIT_INVALID);
    expect(cap.stderr()).toContain(`${bad}: The file is not valid JSON`);
    const usage = captureIo();
    expect(await diff(['one.json'], usage.io)).toBe(EXIT_USAGE);
    expect(usage.stderr()).toContain('usage: crosscheck-pack diff');
  });
});

describe('crosscheck-pack stats', () => {
  it('counts claims by verdict, sources, phrasings, tags and removals, and prints the content hash', async () => {
    const raw = demoPackRaw();
    Object.assign(raw, { removals: [{ id: 'gone-1' }, { id: 'gone-2' }] });
    raw.claims[0]!.phrasings.push('too short wording'); // 3 words: never matches
    raw.claims[1]!.phrasings.push('were sent to Kursk'); // 4 words, 2 key words: matched about anyone
    const file = await writeIn(await tempDir(), 'pack.json', raw);
    const cap = captureIo();
    expect(await stats([file], cap.io)).toBe(EXIT_OK);
    const lines = cap.out;
    expect(lines[0]).toBe(`${raw.name} v${raw.version} (${raw.id}), ${raw.publisher}, published ${raw.published}`);
    expect(lines).toContain(`claims: ${raw.claims.length}`);
    const verdictCounts = lines.filter((line) => /^ {2}[a-z-]+: \d+$/.test(line));
    expect(verdictCounts).toHaveLength(7);
    expect(verdictCounts.reduce((sum, line) => sum + Number(line.split(': ')[1]), 0)).toBe(raw.claims.length);
    expect(lines).toContain(`  false: ${raw.claims.filter((c) => c.verdict === 'false').length}`);
    expect(lines).toContain(`sources: ${raw.sources.length}`);
    const phrasings = raw.claims.reduce((sum, c) => sum + c.phrasings.length, 0);
    expect(lines.find((line) => line.startsWith('phrasings:'))).toMatch(
      new RegExp(`^phrasings: ${phrasings} \\([\\d.]+ per claim, [\\d.]+ words on average, 1 phrasing under 4 words never match\\)$`),
    );
    // The demo pack has two such phrasings of its own, three key words long.
    const loose = lines.slice(lines.findIndex((line) => line.startsWith('loose phrasings:')));
    expect(loose[0]).toBe('loose phrasings: 3 (under 4 key words, matched whoever they are about)');
    expect(loose.slice(1, 4).sort()).toEqual(
      [
        `  ${raw.claims[1]!.id}: "were sent to Kursk" (2 key words)`,
        '  nk-troops-told-fighting-americans: "They thought they were fighting Americans" (3 key words)',
        '  nk-troops-told-fighting-americans: "They had been told they were killing Americans" (3 key words)',
      ].sort(),
    );
    const tags = new Set(raw.claims.flatMap((c) => c.tags));
    expect(lines.find((line) => line.startsWith('tags:'))).toMatch(new RegExp(`^tags: ${tags.size} distinct; most used: `));
    expect(lines).toContain('removals: 2');
    expect(lines.at(-1)).toBe(`content hash: ${await packContentHash(raw)}`);
  });

  it('names a missing file', async () => {
    const cap = captureIo();
    expect(await stats(['/nonexistent/pack.json'], cap.io)).toBe(EXIT_INVALID);
    expect(cap.stderr()).toBe('/nonexistent/pack.json: no such file');
  });
});
