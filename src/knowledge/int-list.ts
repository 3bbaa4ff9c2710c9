// A list of 32-bit integers in one typed array grown by doubling: index builds
// collect millions of numbers, which in plain arrays cost more in growth and garbage.

export class IntList {
  private array: Int32Array<ArrayBuffer>;
  length = 0;

  /** Room for `capacity` items before the first growth: a good guess saves the copies (and fresh pages) of growing. */
  constructor(capacity = 1 << 12) {
    this.array = new Int32Array(Math.max(1, capacity));
  }

  push(value: number): void {
    if (this.length === this.array.length) {
      const grown = new Int32Array(this.array.length * 2);
      grown.set(this.array);
      this.array = grown;
    }
    this.array[this.length++] = value;
  }

  at(index: number): number {
    return this.array[index]!;
  }

  /** The items, cut to length (a copy, so the spare room is freed). */
  toArray(): Int32Array<ArrayBuffer> {
    return this.array.slice(0, this.length);
  }
}
