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
