/**
 * A set of term hashes for the hot loop of scoring: open addressing in an Int32Array. Term hashes
 * are unsigned 32-bit, so half of them are not small integers to V8, and a Map looks each up as a
 * boxed number; here a lookup is a few integer compares and allocates nothing.
 */
export class TermSet {
  private readonly slots: Int32Array;
  private readonly mask: number;
  /** 0 marks an empty slot, so the hash 0 is kept apart */
  private hasZero = false;

  constructor(hashes: readonly number[]) {
    // At most half full, so a probe soon meets an empty slot.
    let size = 8;
    while (size < hashes.length * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
    for (const hash of hashes) this.add(hash);
  }

  private add(hash: number): void {
    const key = hash | 0;
    if (key === 0) {
      this.hasZero = true;
      return;
    }
    let at = (key ^ (key >>> 15)) & this.mask;
    while (this.slots[at] !== 0 && this.slots[at] !== key) at = (at + 1) & this.mask;
    this.slots[at] = key;
  }

  has(hash: number): boolean {
    const key = hash | 0;
    if (key === 0) return this.hasZero;
    const { slots, mask } = this;
    for (let at = (key ^ (key >>> 15)) & mask; ; at = (at + 1) & mask) {
      const slot = slots[at]!;
      if (slot === key) return true;
      if (slot === 0) return false;
    }
  }
}
