import { describe, expect, it } from 'vitest';
import { checkDrawForm, type DrawForm } from '../../../renderer/src/supervision/draw-input.js';
import { describeRefusal } from '../../../renderer/src/forms/refusal.js';

const form = (patch: Partial<DrawForm>): DrawForm => ({
  from: '2026-11-01',
  to: '2026-11-30',
  mode: 'share',
  amount: '10',
  ...patch,
});

const problemsOf = (patch: Partial<DrawForm>) => {
  const checked = checkDrawForm(form(patch));
  return 'problems' in checked ? checked.problems : {};
};

describe('the draw form’s own checks (R26)', () => {
  it('sends a share or a count for a period', () => {
    expect(checkDrawForm(form({}))).toEqual({
      input: { from: '2026-11-01', to: '2026-11-30', sharePercent: 10 },
    });
    expect(checkDrawForm(form({ amount: '12.5 %' }))).toEqual({
      input: { from: '2026-11-01', to: '2026-11-30', sharePercent: 12.5 },
    });
    expect(checkDrawForm(form({ mode: 'count', amount: '20' }))).toEqual({
      input: { from: '2026-11-01', to: '2026-11-30', count: 20 },
    });
  });

  it('says a share of 0 or over 100 % is out of range, and a blank one is missing', () => {
    for (const amount of ['0', '100.5', '150', '-5', 'ten']) {
      expect(problemsOf({ amount })).toEqual({ amount: { key: 'validation.sampling.share_out_of_range' } });
    }
    expect(problemsOf({ amount: '100' })).toEqual({});
    expect(problemsOf({ amount: ' ' })).toEqual({ amount: { key: 'validation.sampling.required' } });
  });

  it('wants a whole count from 1 to 500', () => {
    for (const amount of ['0', '2.5', '501']) {
      expect(problemsOf({ mode: 'count', amount })).toEqual({
        amount: { key: 'validation.sampling.count_out_of_range' },
      });
    }
  });

  it('wants both dates, in order', () => {
    expect(problemsOf({ from: '' })).toEqual({ from: { key: 'validation.sampling.required' } });
    expect(problemsOf({ to: '2026-02-30' })).toEqual({ to: { key: 'validation.sampling.date_invalid' } });
    expect(problemsOf({ from: '2026-12-01' })).toEqual({
      to: { key: 'validation.sampling.period_reversed' },
    });
  });
});

describe('the core’s refusals, worded for the supervision screens', () => {
  it('puts an empty period in the summary and field problems next to their fields', () => {
    expect(
      describeRefusal(
        { code: 'invalid_input', message: 'x', fields: { period: 'sampling.period_empty' } },
        { from: 'from' },
      ),
    ).toEqual({ summary: { key: 'validation.sampling.period_empty' }, fields: {} });
    expect(
      describeRefusal(
        { code: 'invalid_input', message: 'x', fields: { sharePercent: 'sampling.share_out_of_range' } },
        { sharePercent: 'amount' },
      ),
    ).toEqual({
      summary: { key: 'errors.checkFields' },
      fields: { amount: { key: 'validation.sampling.share_out_of_range' } },
    });
    expect(describeRefusal({ code: 'forbidden', message: 'x' })).toEqual({
      summary: { key: 'errors.forbidden' },
      fields: {},
    });
    expect(
      describeRefusal({ code: 'invalid_input', message: 'x', fields: { _: 'something new' as never } }),
    ).toEqual({
      summary: { key: 'validation.input.invalid' },
      fields: {},
    });
  });
});
