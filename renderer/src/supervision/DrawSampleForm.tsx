import { useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SubmitEvent } from 'react';
import { describeRefusal } from '../forms/refusal.js';
import { useTranslation } from 'react-i18next';
import type { SampleDetail } from '../../../shared/ipc/supervision-schemas.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import type { Refusal } from '../forms/refusal.js';
import { TextField } from '../forms/TextField.js';
import { coreToday } from '../records/desk-clock.js';
import { api } from '../snowdesk.js';
import { DateField } from './DateField.js';
import { checkDrawForm, type DrawForm } from './draw-input.js';

/** R26: the period and the share (or count) of a sampling audit. */
export function DrawSampleForm({ onDrawn }: { onDrawn: (detail: SampleDetail) => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const client = useQueryClient();
  const [form, setForm] = useState<DrawForm>(() => ({
    from: coreToday(),
    to: coreToday(),
    mode: 'share',
    amount: '',
  }));
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const [drawn, setDrawn] = useState<SampleDetail['sample'] | null>(null);
  const set = (patch: Partial<DrawForm>) => {
    setForm((current) => ({ ...current, ...patch }));
  };

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    setDrawn(null);
    const checked = checkDrawForm(form);
    if ('problems' in checked) {
      setRefusal({ summary: { key: 'errors.checkFields' }, fields: checked.problems });
      return;
    }
    setBusy(true);
    setRefusal(null);
    try {
      const result = await api().call('sample.draw', checked.input);
      if (!result.ok) {
        setRefusal(
          describeRefusal(result.error, {
            from: 'from',
            to: 'to',
            sharePercent: 'amount',
            count: 'amount',
          }),
        );
        return;
      }
      setDrawn(result.value.sample);
      client.setQueryData(['sample.get', result.value.sample.sampleId], result.value);
      await client.invalidateQueries({ queryKey: ['sample.list'] });
      onDrawn(result.value);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel panel-wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('supervision.draw.title')}</h2>
      <p>{t('supervision.draw.intro')}</p>
      {drawn && (
        <p role="status" className="notice notice-ok">
          {t('supervision.draw.drawn', { size: drawn.size, population: drawn.populationCount })}
        </p>
      )}
      <form noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
        <div className="form-row">
          <DateField
            label={t('supervision.draw.from')}
            value={form.from}
            onChange={(from) => {
              set({ from });
            }}
            problem={refusal?.fields.from}
          />
          <DateField
            label={t('supervision.draw.to')}
            value={form.to}
            onChange={(to) => {
              set({ to });
            }}
            problem={refusal?.fields.to}
          />
        </div>
        <fieldset className="choice">
          <legend>{t('supervision.draw.mode')}</legend>
          {(['share', 'count'] as const).map((mode) => (
            <label key={mode}>
              <input
                type="radio"
                name="sampling-mode"
                value={mode}
                checked={form.mode === mode}
                onChange={() => {
                  set({ mode });
                  setRefusal(null);
                }}
              />
              {t(mode === 'share' ? 'supervision.draw.byShare' : 'supervision.draw.byCount')}
            </label>
          ))}
        </fieldset>
        <TextField
          label={t(form.mode === 'share' ? 'supervision.draw.share' : 'supervision.draw.count')}
          value={form.amount}
          onChange={(amount) => {
            set({ amount });
          }}
          maxLength={12}
          problem={refusal?.fields.amount}
        />
        <RefusalNotice refusal={refusal} />
        <div className="actions">
          <button type="submit" className="primary" aria-disabled={busy}>
            {t('supervision.draw.submit')}
          </button>
        </div>
      </form>
    </section>
  );
}
