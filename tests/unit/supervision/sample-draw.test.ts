import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  DRAW_ALGORITHM,
  drawSample,
  newSeed,
  populationDigest,
} from '../../../electron/core/supervision/sample-draw.js';
import { chinaDayStart, periodInstants, sampleSize } from '../../../shared/domain/sampling-audit.js';

const POPULATION = Array.from({ length: 40 }, (_, i) => `record-${String(i).padStart(2, '0')}#1`);

describe('drawSample', () => {
  it('draws the same items again from the same seed and population', () => {
    const seed = newSeed();
    const first = drawSample(POPULATION, 7, seed);
    expect(drawSample(POPULATION, 7, seed)).toEqual(first);
    // a longer draw from the same seed starts with the same items (the shuffle is the same)
    expect(drawSample(POPULATION, 12, seed).slice(0, 7)).toEqual(first);
  });

  it('draws distinct members of the population and leaves the population as it was', () => {
    const before = [...POPULATION];
    const drawn = drawSample(POPULATION, 40, 'seed-a');
    expect(new Set(drawn).size).toBe(40);
    expect([...drawn].sort()).toEqual(before);
    expect(POPULATION).toEqual(before);
    expect(drawSample(POPULATION, 0, 'seed-a')).toEqual([]);
  });

  it('depends on the seed', () => {
    const a = drawSample(POPULATION, 5, '00000000000000000000000000000001');
    const b = drawSample(POPULATION, 5, '00000000000000000000000000000002');
    expect(a).not.toEqual(b);
  });

  it('follows the documented algorithm, so anyone can recompute a draw', () => {
    // an independent reading of the algorithm in sample-draw.ts's comment
    function byTheBook(population: readonly string[], size: number, seed: string): string[] {
      const words: number[] = [];
      let block = 0;
      const word = (): number => {
        if (words.length === 0) {
          const digest = createHash('sha256')
            .update(`snowdesk/audit-sample/v1/${seed}/${String(block++)}`)
            .digest();
          for (let i = 0; i < 32; i += 4) words.push(digest.readUInt32BE(i));
        }
        return words.shift() ?? 0;
      };
      const ids = [...population];
      for (let i = 0; i < size; i++) {
        const n = ids.length - i;
        const limit = Math.floor(2 ** 32 / n) * n;
        let w = word();
        while (w >= limit) w = word();
        const j = i + (w % n);
        [ids[i], ids[j]] = [ids[j] ?? '', ids[i] ?? ''];
      }
      return ids.slice(0, size);
    }
    expect(DRAW_ALGORITHM).toBe('snowdesk/audit-sample/v1');
    for (const seed of ['fixed-seed', newSeed(), newSeed()]) {
      expect(drawSample(POPULATION, 15, seed)).toEqual(byTheBook(POPULATION, 15, seed));
    }
    // and a pinned answer: changing the algorithm would break every recorded sample
    expect(drawSample(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'], 3, 'pinned')).toEqual(['a', 'c', 'g']);
  });

  it('gives every member about the same chance over many seeds', () => {
    const small = ['a', 'b', 'c', 'd', 'e'];
    const hits = new Map(small.map((s) => [s, 0]));
    for (let i = 0; i < 5000; i++) {
      for (const id of drawSample(small, 2, `seed-${String(i)}`)) hits.set(id, (hits.get(id) ?? 0) + 1);
    }
    // expected 2000 each; a fair draw stays well within ±10 % at this size
    for (const count of hits.values()) {
      expect(count).toBeGreaterThan(1800);
      expect(count).toBeLessThan(2200);
    }
  });

  it('refuses sizes outside 0…population and an empty seed', () => {
    expect(() => drawSample(POPULATION, 41, 's')).toThrow(RangeError);
    expect(() => drawSample(POPULATION, -1, 's')).toThrow(RangeError);
    expect(() => drawSample(POPULATION, 1.5, 's')).toThrow(RangeError);
    expect(() => drawSample(POPULATION, 1, '')).toThrow(RangeError);
  });

  it('makes 128-bit seeds and a digest that names the population and its order', () => {
    expect(newSeed()).toMatch(/^[0-9a-f]{32}$/);
    expect(newSeed()).not.toBe(newSeed());
    expect(populationDigest(['a#1', 'b#1'])).toBe(createHash('sha256').update('a#1\nb#1').digest('hex'));
    expect(populationDigest(['a#1', 'b#1'])).not.toBe(populationDigest(['b#1', 'a#1']));
  });
});

describe('sampleSize', () => {
  it('rounds a share up, so a share never draws nobody, with no floating-point surprises', () => {
    expect(sampleSize(10, { sharePercent: 30 })).toBe(3);
    expect(sampleSize(3, { sharePercent: 50 })).toBe(2);
    expect(sampleSize(1, { sharePercent: 0.01 })).toBe(1);
    expect(sampleSize(1000, { sharePercent: 0.1 })).toBe(1);
    expect(sampleSize(1001, { sharePercent: 0.1 })).toBe(2);
    expect(sampleSize(7, { sharePercent: 100 })).toBe(7);
  });

  it('never draws more than the population', () => {
    expect(sampleSize(4, { count: 10 })).toBe(4);
    expect(sampleSize(40, { count: 10 })).toBe(10);
  });

  it('refuses a share of 0 or over 100 %', () => {
    expect(() => sampleSize(10, { sharePercent: 0 })).toThrow(RangeError);
    expect(() => sampleSize(10, { sharePercent: 100.01 })).toThrow(RangeError);
  });
});

describe('periods', () => {
  it('are whole days in China, both ends included', () => {
    expect(chinaDayStart('2026-11-23')).toBe(Date.UTC(2026, 10, 22, 16, 0, 0));
    expect(periodInstants('2026-11-23', '2026-11-24')).toEqual({
      from: Date.UTC(2026, 10, 22, 16, 0, 0),
      to: Date.UTC(2026, 10, 24, 16, 0, 0) - 1,
    });
  });
});
