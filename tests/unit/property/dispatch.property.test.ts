import fc from 'fast-check';
import { z } from 'zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../electron/core/create-core.js';
import { contract, isMethodName } from '../../../shared/ipc/contract.js';
import { CoreErrorShape, ERROR_CODES, type Result } from '../../../shared/ipc/errors.js';
import { ADMIN, call, openTestCore, setUpKiosk } from '../../support/core-harness.js';
import { PEOPLE, signInAs, staffTheDesk } from '../../support/desk-harness.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * The one door into the core, hammered with whatever a compromised renderer could send: any
 * method name (contract names, near misses, prototype keys, random strings, non-strings) with
 * any payload (fast-check's anything, prototype-polluting shapes, deep nesting, huge strings,
 * the contract's own field names holding junk or plausible values). On a real core in a temp
 * folder, in four states: fresh, signed out, the maintainer signed in, and a certified specialist
 * at the desk, where contract-shaped payloads reach the record handlers. Every answer must be a value: a contract-valid output, or {ok:false} with a known code
 * and no stack trace; dispatch never throws, and the core still serves app.info afterwards.
 */

const METHODS = Object.keys(contract);
const PROTOTYPE_KEYS = [
  ...new Set([
    ...Object.getOwnPropertyNames(Object.prototype),
    ...Object.getOwnPropertyNames(Function.prototype),
    ...Object.getOwnPropertyNames(Array.prototype),
    '__proto__',
    'prototype',
    'constructor',
  ]),
];
/** every key any input schema of the contract names, so junk reaches the field parsers */
const FIELD_NAMES = [
  ...new Set(
    Object.values(contract).flatMap((spec) =>
      spec.input instanceof z.ZodObject ? Object.keys(spec.input.shape as Record<string, unknown>) : [],
    ),
  ),
];

const methodArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...METHODS) },
  { weight: 2, arbitrary: fc.constantFrom(...PROTOTYPE_KEYS) },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.constantFrom(...METHODS), fc.nat(5))
      .map(
        ([m, how]) =>
          [
            m.toUpperCase(),
            ` ${m}`,
            `${m}\u0000`,
            m.replace('.', '/'),
            `${m}.__proto__`,
            m.normalize('NFKD') + '\u0301',
          ][how] ?? m,
      ),
  },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
);

const hugeString = fc.integer({ min: 60_000, max: 2_000_000 }).map((n) => 'x'.repeat(n));
const deep = fc.tuple(fc.integer({ min: 1, max: 5_000 }), fc.boolean()).map(([depth, asArray]) => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i++) value = asArray ? [value] : { name: value };
  return value;
});
const pollution = fc.constantFrom<() => unknown>(
  () => JSON.parse('{"__proto__": {"isAdmin": true, "ok": true}}') as unknown,
  () => JSON.parse('{"name": "x", "password": "y", "__proto__": {"role": "manager"}}') as unknown,
  () => ({ constructor: { prototype: { polluted: true } } }),
  () => Object.assign(Object.create(null) as object, { name: 'Maintainer Zhao', password: 'x' }),
  () => ({ toString: () => 'app.info', valueOf: () => 1 }),
  () => ({ name: { toString: () => 'Maintainer Zhao' }, password: ['snow-admin-2026!'] }),
);
const fieldJunk = fc.dictionary(
  fc.oneof(fc.constantFrom(...FIELD_NAMES, ...PROTOTYPE_KEYS), fc.string({ maxLength: 10 })),
  fc.oneof(fc.anything({ maxDepth: 3 }), fc.string({ maxLength: 2_000 }), hugeString),
  { maxKeys: 6 },
);
const payloadArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.anything({
      maxDepth: 4,
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withSparseArray: true,
      withNullPrototype: true,
      withObjectString: true,
    }),
  },
  { weight: 4, arbitrary: fieldJunk },
  { weight: 1, arbitrary: hugeString },
  { weight: 1, arbitrary: deep },
  { weight: 1, arbitrary: pollution.map((make) => make()) },
  { weight: 1, arbitrary: fc.constant({}) },
);

/**
 * Payloads shaped like the contract's: the method's own field names holding plausible values (ids
 * that exist nowhere, small drafts, flags, reasons), so calls get past the schema and into the
 * handlers, which then meet records and people that do not exist or are in the wrong state.
 */
const plausibleValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.uuid(),
  fc.constantFrom('', ' ', '张伟', 'on_site_face_to_face', 'specialist', '2026-11-23', 'x'.repeat(300)),
  fc.boolean(),
  fc.integer({ min: -2, max: 2_000_000_000_000 }),
  fc.constant(null),
  fc.record(
    { name: fc.string({ maxLength: 10 }), notes: fc.string({ maxLength: 10 }) },
    { requiredKeys: [] },
  ),
  fc.record({
    completeness: fc.boolean(),
    accuracy: fc.boolean(),
    format: fc.boolean(),
    consent: fc.boolean(),
  }),
  fc.array(
    fc.record({ path: fc.constantFrom('name', 'contact.phone', ''), text: fc.string({ maxLength: 8 }) }),
    {
      maxLength: 2,
    },
  ),
);
/** what a field of that name usually holds, now and then anything plausible */
function valueFor(key: string): fc.Arbitrary<unknown> {
  const usual: Partial<Record<string, fc.Arbitrary<unknown>>> = {
    recordId: fc.uuid(),
    id: fc.uuid(),
    reviewerId: fc.option(fc.uuid(), { nil: null }),
    draft: fc.record(
      { name: fc.string({ maxLength: 10 }), notes: fc.string({ maxLength: 10 }) },
      { requiredKeys: [] },
    ),
    channel: fc.constantFrom('on_site_face_to_face', 'on_site_paper_form', 'online_website'),
    checklist: fc.record({
      completeness: fc.boolean(),
      accuracy: fc.boolean(),
      format: fc.boolean(),
      consent: fc.boolean(),
    }),
    reason: fc.string({ maxLength: 20 }),
    query: fc.string({ maxLength: 20 }),
  };
  const arb = usual[key];
  return arb
    ? fc.oneof({ weight: 4, arbitrary: arb }, { weight: 1, arbitrary: plausibleValue })
    : plausibleValue;
}

const shapedCallArb: fc.Arbitrary<[unknown, unknown]> = fc.constantFrom(...METHODS).chain((method) => {
  const input = contract[method as keyof typeof contract].input;
  const keys = input instanceof z.ZodObject ? Object.keys(input.shape) : [];
  const fields = fc.record(Object.fromEntries(keys.map((key) => [key, valueFor(key)])), {
    requiredKeys: keys.filter((_, i) => i % 2 === 0),
  });
  return fields.map((payload) => [method, payload] as [unknown, unknown]);
});

const callArb = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(methodArb, payloadArb) },
  { weight: 3, arbitrary: shapedCallArb },
  // a contract method with an empty payload: the NoInput methods get through to their handlers
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom<unknown>(...METHODS), fc.constant<unknown>({})) },
);
function expectAnAnswer(method: unknown, result: Result<unknown>): void {
  expect(result).toBeTypeOf('object');
  if (result.ok) {
    expect(isMethodName(method)).toBe(true);
    if (!isMethodName(method)) return;
    expect(contract[method].output.safeParse(result.value).success).toBe(true);
    return;
  }
  expect(CoreErrorShape.safeParse(result.error).success).toBe(true);
  expect(ERROR_CODES).toContain(result.error.code);
  expect(result.error.message).not.toMatch(/\n\s+at /);
  if (!isMethodName(method)) expect(result.error.code).toBe('unknown_method');
}

type State = 'fresh' | 'signed-out' | 'signed-in' | 'desk';

describe.each<State>(['fresh', 'signed-out', 'signed-in', 'desk'])(
  'dispatch with arbitrary calls (%s)',
  (state) => {
    const dir = tempDir('snowdesk-prop-');
    let core: Core;

    /** the desk state: a certified specialist, so the record methods reach their handlers */
    const who = state === 'desk' ? PEOPLE.alice.name : ADMIN.name;

    /** arbitrary calls may sign out or lock: put the state back before each one */
    async function restore(): Promise<void> {
      if (state !== 'signed-in' && state !== 'desk') return;
      const session = await call(core, 'session.state', {});
      if (session.status === 'signed-in' && !session.locked && session.staff.name === who) return;
      if (session.status === 'signed-in') await call(core, 'session.signOut', {});
      if (state === 'desk') await signInAs(core, 'alice');
      else await call(core, 'session.signIn', ADMIN);
    }

    beforeAll(async () => {
      core = await openTestCore(dir.path);
      if (state === 'desk') {
        await staffTheDesk(core);
        await signInAs(core, 'alice');
      } else if (state !== 'fresh') {
        await setUpKiosk(core);
        if (state === 'signed-out') await call(core, 'session.signOut', {});
      }
    });
    afterAll(() => {
      core.close();
      dir.remove();
    });

    it('answers every call with a value, never a throw, and keeps serving', async () => {
      const seen = new Map<string, number>();
      await fc.assert(
        fc.asyncProperty(callArb, async ([method, payload]) => {
          await restore();
          const result = await core.dispatch(method, payload);
          expectAnAnswer(method, result);
          const outcome = result.ok ? 'ok' : result.error.code;
          seen.set(outcome, (seen.get(outcome) ?? 0) + 1);
        }),
        {
          numRuns: 150,
          // always run too, so every exit of the door is taken whatever the random draw
          examples: [
            [['app.info', {}]],
            [['__proto__', {}]],
            [['session.signIn', { name: 7, password: null }]],
            [['session.signIn', 'x'.repeat(1_100_000)]],
            // a well-formed call for a record nobody has: at the desk the handler answers not_found
            [['records.open', { recordId: '00000000-0000-4000-8000-000000000000' }]],
          ],
        },
      );
      // not vacuous: calls got past the door as well as being refused at each of its checks
      const outcomes = ['ok', 'unknown_method', 'invalid_input', 'payload_too_large'];
      // at the desk, calls also get through the door and are refused by the handlers themselves
      if (state === 'desk') outcomes.push('not_found');
      for (const outcome of outcomes)
        expect(seen.get(outcome) ?? 0, `${outcome} in ${JSON.stringify([...seen])}`).toBeGreaterThan(0);
      const info = await core.dispatch('app.info', {});
      expect(info.ok).toBe(true);
      if (info.ok) expect(contract['app.info'].output.safeParse(info.value).success).toBe(true);
    });
  },
);

describe('dispatch: the cost of a payload is bounded by the limits, not by what it claims', () => {
  /**
   * An array that counts how many of its elements are read and stops the walk with an error
   * once it is clearly unbounded. It stands in for a sparse array: Electron's structured clone
   * carries `new Array(2 ** 32 - 1)` in a few bytes, and a walk over its length would hold the
   * main process for minutes and gigabytes (measured: 1e7 elements, 1.9 s and +700 MB), so
   * payload-size.ts charges an array's length before it walks any element.
   */
  it('refuses a huge sparse array after a bounded walk', async () => {
    const dir = tempDir('snowdesk-prop-');
    const core = await openTestCore(dir.path);
    try {
      let reads = 0;
      const LIMIT = 200_000;
      const sparse = new Proxy(new Array<unknown>(2 ** 32 - 1), {
        get(target, key, receiver) {
          if (typeof key === 'string' && /^\d+$/.test(key) && ++reads > LIMIT)
            throw new Error(`walked ${String(LIMIT)} elements of a sparse array`);
          return Reflect.get(target, key, receiver) as unknown;
        },
      });
      const result = await core.dispatch('session.signIn', { name: sparse, password: 'x' });
      expect(result).toMatchObject({ ok: false, error: { code: 'payload_too_large' } });
      expect(reads).toBeLessThanOrEqual(LIMIT);
    } finally {
      core.close();
      dir.remove();
    }
  });
});
