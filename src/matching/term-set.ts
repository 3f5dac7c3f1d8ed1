/**
 * A set of term hashes for the hot loop of scoring: open addressing in an Int32Array. Term hashes
 * are unsigned 32-bit, so half of them are not small integers to V8, and a Map looks each up as a
 * boxed number; here a lookup is a few integer compares and allocates nothing.
 *
 * Each term carries a few bits, so one set can say which of several neighbouring passages hold
 * a term: one lookup instead of one per passage.
 */
export class TermSet {
  /** Open for reading to the one loop that probes them itself (find-similar's `reachable`); only `add` writes them. */
  readonly slots: Int32Array;
  readonly bits: Uint8Array;
  readonly mask: number;
  /** 0 marks an empty slot, so the hash 0 is kept apart (written by `add` only) */
  zeroBits = 0;

  /** @param capacity how many distinct terms the set will hold at most, `hashes` and later `add`s together: more could fill the table, and a probe would then never end */
  constructor(hashes: readonly number[], capacity = hashes.length) {
    // At most half full, so a probe soon meets an empty slot.
    let size = 8;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.bits = new Uint8Array(size);
    this.mask = size - 1;
    for (const hash of hashes) this.add(hash);
  }

  /** Adds the term, or marks it with one more bit (1 unless told). */
  add(hash: number, bit = 1): void {
    const key = hash | 0;
    if (key === 0) {
      this.zeroBits |= bit;
      return;
    }
    let at = (key ^ (key >>> 15)) & this.mask;
    while (this.slots[at] !== 0 && this.slots[at] !== key) at = (at + 1) & this.mask;
    this.slots[at] = key;
    this.bits[at]! |= bit;
  }

  has(hash: number): boolean {
    return this.bitsOf(hash) !== 0;
  }

  /** The bits the term was added with, 0 when it was not. */
  bitsOf(hash: number): number {
    const key = hash | 0;
    if (key === 0) return this.zeroBits;
    const { slots, mask } = this;
    for (let at = (key ^ (key >>> 15)) & mask; ; at = (at + 1) & mask) {
      const slot = slots[at]!;
      if (slot === key) return this.bits[at]!;
      if (slot === 0) return 0;
    }
  }
}
