import { describe, expect, it } from 'vitest';
import { MAX_PACK_BYTES, parsePack } from '../../src/packs/parse-pack';
import { demoPackRaw } from './support/test-database';

const MB = 1024 * 1024;

const errorOf = (result: ReturnType<typeof parsePack>): string => {
  if (result.ok) throw new Error('expected the file to be refused');
  return result.error;
};

describe('parsePack', () => {
  it('reads a valid pack file', () => {
    const raw = demoPackRaw();
    const result = parsePack(JSON.stringify(raw));
    if (!result.ok) throw new Error(result.error);
    expect(result.pack.id).toBe(raw.id);
    expect(result.pack.claims).toHaveLength(raw.claims.length);
  });

  it('says when the file is not JSON', () => {
    expect(errorOf(parsePack('{"format": "crosscheck-pack",'))).toMatch(/^The file is not valid JSON/);
    expect(errorOf(parsePack(''))).toMatch(/^The file is not valid JSON/);
  });

  it.each([
    ['a JSON array', '[{"format": "crosscheck-pack"}]'],
    ['an object without format', '{"name": "My pack", "claims": []}'],
    ['another format', '{"format": "claimreview"}'],
    ['a string', '"crosscheck-pack"'],
    ['null', 'null'],
  ])('says %s is not a Crosscheck pack', (_, text) => {
    expect(errorOf(parsePack(text))).toContain('not a Crosscheck pack');
  });

  it('names the field that breaks the format', () => {
    const raw = demoPackRaw();
    raw.claims[0]!.verdict = 'probably-false';
    expect(errorOf(parsePack(JSON.stringify(raw)))).toContain('claims[0].verdict');
  });

  it('refuses a 200 MB file before parsing it, naming its size', () => {
    const error = errorOf(parsePack(JSON.stringify(demoPackRaw()), 200 * MB));
    expect(error).toContain(`${200} MB`);
    expect(error).toContain(`${MAX_PACK_BYTES / MB} MB`);
  });

  it('accepts a file of exactly the size limit', () => {
    expect(parsePack(JSON.stringify(demoPackRaw()), MAX_PACK_BYTES).ok).toBe(true);
  });

  it('refuses deeply nested JSON with a clear message instead of overflowing the stack', () => {
    const depth = 10_000;
    const nested = '['.repeat(depth) + ']'.repeat(depth);
    expect(() => parsePack(nested)).not.toThrow();
    expect(errorOf(parsePack(nested))).toMatch(/nested more than \d+ levels/);

    // Inside an otherwise valid pack too.
    const raw = JSON.stringify(demoPackRaw());
    const withNesting = `${raw.slice(0, -1)},"extra":${nested}}`;
    expect(errorOf(parsePack(withNesting))).toMatch(/nested more than \d+ levels/);
  });
});
