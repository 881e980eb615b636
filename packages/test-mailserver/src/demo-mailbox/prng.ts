/**
 * A small seeded PRNG. The demo mailbox must be byte-identical for the same seed, so every
 * "random" choice (people, dates, ids, boundaries) goes through this and never through
 * Math.random() or crypto.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    // `>>> 0` folds any JS number (negative, fractional, > 2^32) into a 32-bit state.
    this.state = seed >>> 0;
  }

  /** mulberry32: tiny, fast and good enough for test data (not for anything secret). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('Rng.pick on an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** `count` distinct items, in random order (partial Fisher-Yates on a copy). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items];
    const n = Math.min(count, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
    }
    return copy.slice(0, n);
  }

  /** Lower-case hex string of `length` characters, for ids and MIME boundaries. */
  hex(length: number): string {
    let out = '';
    while (out.length < length) {
      out += Math.floor(this.next() * 0x10000)
        .toString(16)
        .padStart(4, '0');
    }
    return out.slice(0, length);
  }

  /**
   * A child generator with its own stream. Sub-generators (one per thread, per long
   * message...) keep a change in one kind of content from reshuffling all the others.
   */
  fork(): Rng {
    return new Rng(Math.floor(this.next() * 4294967296));
  }
}
