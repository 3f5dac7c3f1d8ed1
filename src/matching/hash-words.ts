/** 32-bit FNV-1a of a word: cheap, stable across runs, so it can be persisted in the index. */
export function hashWord(word: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) {
    h ^= word.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combines consecutive word hashes into the hash of a shingle (a run of SHINGLE words). */
export function shingleHash(hashes: ArrayLike<number>, at: number, size: number): number {
  let h = 0x9e3779b9;
  for (let k = 0; k < size; k++) {
    h = Math.imul(h ^ hashes[at + k]!, 0x85ebca6b);
    h ^= h >>> 13;
  }
  return h >>> 0;
}

/**
 * Two independent 32-bit hashes of a run of word hashes, written to out[at] and out[at + 1]: what
 * the index keeps of a phrasing to tell it on a page, instead of its words (a false hit needs both
 * to collide for a passage of the same length whose first SHINGLE words already share the key).
 */
export function phraseHashes(hashes: ArrayLike<number>, from: number, length: number, out: Uint32Array, at: number): void {
  let a = 0x2545f491 ^ length;
  let b = 0x6a09e667 ^ Math.imul(length, 0x9e3779b1);
  for (let k = 0; k < length; k++) {
    const word = hashes[from + k]!;
    a = Math.imul(a ^ word, 0xcc9e2d51);
    a = Math.imul((a << 15) | (a >>> 17), 0x1b873593);
    b = Math.imul(b ^ word, 0x85ebca6b);
    b ^= b >>> 16;
    b = Math.imul(b, 0xc2b2ae35) + k;
  }
  a ^= a >>> 16;
  a = Math.imul(a, 0x85ebca6b);
  a ^= a >>> 13;
  b ^= b >>> 15;
  b = Math.imul(b, 0x2c1b3c6d);
  b ^= b >>> 12;
  out[at] = a >>> 0;
  out[at + 1] = b >>> 0;
}
