/** A growable typed array: a 250k-claim pack's index has millions of entries, too many for a plain array. */
export class GrownArray<T extends Uint32Array | Uint8Array> {
  length = 0;
  private array: T;

  constructor(private readonly make: (size: number) => T) {
    this.array = make(1024);
  }

  push(value: number): void {
    if (this.length === this.array.length) this.grow(this.length + 1);
    this.array[this.length++] = value;
  }

  append(values: ArrayLike<number>): void {
    if (this.length + values.length > this.array.length) this.grow(this.length + values.length);
    this.array.set(values, this.length);
    this.length += values.length;
  }

  done(): T {
    return this.array.slice(0, this.length) as T;
  }

  private grow(least: number): void {
    const next = this.make(Math.max(least, this.array.length * 2));
    next.set(this.array);
    this.array = next;
  }
}
