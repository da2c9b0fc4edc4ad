import { createHash, randomBytes } from 'node:crypto';

/**
 * The sampling audit's draw (R26), written so anyone can repeat it from what the sample records:
 * the seed, the population (its ids in order, checked against the recorded digest) and the size.
 *
 * Algorithm "snowdesk/audit-sample/v1":
 * - random words: SHA-256 over `snowdesk/audit-sample/v1/<seed>/<block>` for block 0, 1, 2, …,
 *   each digest read as eight big-endian unsigned 32-bit words, in order;
 * - uniform(n): the next word w, skipping words ≥ floor(2^32 / n) · n (no modulo bias), is w mod n;
 * - partial Fisher–Yates: for i = 0 … size−1, j = i + uniform(N − i), swap ids i and j; the sample
 *   is ids 0 … size−1 in that order.
 * A hash in counter mode rather than a small PRNG: its whole 128-bit seed counts, and it can be
 * recomputed with any SHA-256 tool.
 */
export const DRAW_ALGORITHM = 'snowdesk/audit-sample/v1';

/** A fresh seed: 128 bits from the operating system, as hex. */
export function newSeed(): string {
  return randomBytes(16).toString('hex');
}

/** sha256 over the ordered population ids, one per line: proves which population a draw was made from. */
export function populationDigest(ids: readonly string[]): string {
  return createHash('sha256').update(ids.join('\n'), 'utf8').digest('hex');
}

class HashStream {
  private block = 0;
  private words: number[] = [];

  constructor(private readonly seed: string) {}

  nextWord(): number {
    if (this.words.length === 0) {
      const digest = createHash('sha256')
        .update(`${DRAW_ALGORITHM}/${this.seed}/${String(this.block)}`, 'utf8')
        .digest();
      this.block++;
      for (let i = 0; i < 32; i += 4) this.words.push(digest.readUInt32BE(i));
    }
    const word = this.words.shift();
    if (word === undefined) throw new Error('hash stream ran dry');
    return word;
  }

  uniform(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError('uniform needs 1 ≤ n ≤ 2^32');
    const limit = Math.floor(2 ** 32 / n) * n;
    for (;;) {
      const word = this.nextWord();
      if (word < limit) return word % n;
    }
  }
}

/** The first `size` ids of a seeded shuffle of `population` (which is never changed). */
export function drawSample<T>(population: readonly T[], size: number, seed: string): T[] {
  if (!Number.isInteger(size) || size < 0 || size > population.length) {
    throw new RangeError('size must be between 0 and the population');
  }
  if (seed.length === 0) throw new RangeError('a draw needs a seed');
  const ids = [...population];
  const stream = new HashStream(seed);
  for (let i = 0; i < size; i++) {
    const j = i + stream.uniform(ids.length - i);
    const a = ids[i] as T;
    ids[i] = ids[j] as T;
    ids[j] = a;
  }
  return ids.slice(0, size);
}
