import { describe, expect, it } from 'vitest';
import { TermSet } from '../../../src/matching/term-set';

describe('TermSet', () => {
  it('answers as a Set does for unsigned 32-bit hashes, the edge values among them', () => {
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const hashes = [0, 1, 0x7fffffff, 0x80000000, 0xffffffff, ...Array.from({ length: 300 }, next)];
    const set = new TermSet(hashes);
    const reference = new Set(hashes);
    for (const hash of [...hashes, ...Array.from({ length: 3000 }, next), 2, 0xfffffffe]) expect(set.has(hash)).toBe(reference.has(hash));
  });

  it('holds nothing when built from nothing, not even the hash 0', () => {
    const set = new TermSet([]);
    expect(set.has(0)).toBe(false);
    expect(set.has(12345)).toBe(false);
  });

  it('keeps a hash given twice once, and still finds the others past it', () => {
    // Hashes that land in the same slot of the smallest table, so lookups probe past each other.
    const crowded = [8, 16, 24, 8, 32];
    const set = new TermSet(crowded);
    for (const hash of crowded) expect(set.has(hash)).toBe(true);
    expect(set.has(40)).toBe(false);
  });

  it('tells which of several passages hold a term, by the bits each was added with', () => {
    // A sentence (bit 1) and its neighbours (bits 2 and 4) sharing some terms, the hash 0 among them.
    const passages = [[0, 5, 8, 0xffffffff], [5, 16, 0], [8, 24, 0x80000000]];
    const set = new TermSet([], passages.flat().length);
    passages.forEach((hashes, p) => hashes.forEach((hash) => set.add(hash, 1 << p)));
    for (const hash of new Set([...passages.flat(), 1, 32, 0x7fffffff])) {
      const expected = passages.reduce((bits, hashes, p) => (hashes.includes(hash) ? bits | (1 << p) : bits), 0);
      expect(set.bitsOf(hash)).toBe(expected);
      expect(set.has(hash)).toBe(expected !== 0);
    }
  });
});
