/**
 * Deterministic randomness for the demo database. Math.random cannot be seeded, and the demo must
 * be byte-identical for the same seed, so every decision draws from an sfc32 generator.
 */

const UINT32_RANGE = 4294967296;

/** Murmur3-style hash of a few integers: gives every stream and every row its own 32-bit seed. */
export function mixSeed(...parts: readonly number[]): number {
  let hash = 0x9747b28c;
  for (const part of parts) {
    // Split into low and high 32-bit halves so ids and seeds beyond 2^32 still hash distinctly.
    for (const half of [part >>> 0, Math.floor(part / UINT32_RANGE) >>> 0]) {
      let k = Math.imul(half, 0xcc9e2d51);
      k = (k << 15) | (k >>> 17);
      k = Math.imul(k, 0x1b873593);
      hash ^= k;
      hash = (hash << 13) | (hash >>> 19);
      hash = (Math.imul(hash, 5) + 0xe6546b64) | 0;
    }
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

/** The element at index, for arrays that are known to be non-empty (keeps noUncheckedIndexedAccess honest). */
export function elementAt<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new RangeError(`index ${index} is outside a list of ${items.length}`);
  return item;
}

/** sfc32: small, fast, and good enough statistically for test data. */
export class SeededRandom {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    // splitmix32 spreads one 32-bit seed over sfc32's 128-bit state.
    let state = seed >>> 0;
    const splitmix = (): number => {
      state = (state + 0x9e3779b9) | 0;
      let z = state;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = splitmix();
    this.b = splitmix();
    this.c = splitmix();
    this.d = splitmix();
    for (let round = 0; round < 8; round++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / UINT32_RANGE;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return elementAt(items, Math.floor(this.next() * items.length));
  }

  /** A string of `length` decimal digits (leading zeros allowed). */
  digits(length: number): string {
    let text = '';
    for (let position = 0; position < length; position++) text += String(this.nextUint32() % 10);
    return text;
  }
}

/** A categorical distribution, built once and drawn from many times. Weights need not sum to 1. */
export class WeightedChoice<T> {
  private readonly values: readonly T[];
  private readonly thresholds: readonly number[];

  constructor(entries: ReadonlyArray<readonly [T, number]>) {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
    if (entries.length === 0 || !(total > 0)) throw new RangeError('a weighted choice needs positive weights');
    let running = 0;
    this.values = entries.map(([value]) => value);
    this.thresholds = entries.map(([, weight]) => (running += weight) / total);
  }

  pick(random: SeededRandom): T {
    const draw = random.next();
    for (let index = 0; index < this.thresholds.length - 1; index++) {
      if (draw < elementAt(this.thresholds, index)) return elementAt(this.values, index);
    }
    return elementAt(this.values, this.values.length - 1);
  }
}

/** Independent random streams of the demo generator, so changing one table never shifts another. */
export const DemoStream = {
  customerRow: 1,
  customerPerson: 2,
  customerHome: 3,
  customerPhone: 4,
  products: 5,
  orders: 6,
} as const;
