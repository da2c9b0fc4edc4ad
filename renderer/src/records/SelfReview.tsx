import { useEffect, useRef, useState } from 'react';
import { problemMessage } from '../forms/refusal.js';
import { useTranslation } from 'react-i18next';
import { SELF_REVIEW_CHECKS, type SelfReviewCheck } from '../../../shared/domain/record-workflow.js';
import type { RecordDetail } from '../../../shared/ipc/record-schemas.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import type { Message, Refusal } from '../forms/refusal.js';
import { api } from '../snowdesk.js';
import { coreToday } from './desk-clock.js';
import { problemsOf } from './draft-model.js';
import { FieldList } from './FieldList.js';
import { WithRecord } from './WithRecord.js';

interface Props {
  recordId: string;
  onEdit: () => void;
  onSubmitted: () => void;
  onBack: () => void;
}

/** Fields the form fills in when a consent is ticked, and the tick that does it. */
const AUTOMATIC_BY: Readonly<Record<string, string>> = {
  'consent.at': 'consent.general',
  'consent.noticeVersion': 'consent.general',
  'guardian.consent.at': 'guardian.consent.given',
};

/** R12: the entrant checks every field and ticks the checklist before submitting. */
export function SelfReview({ recordId, onEdit, onSubmitted, onBack }: Props) {
  return (
    <WithRecord recordId={recordId} onBack={onBack}>
      {(detail) => <SelfReviewPanel detail={detail} onEdit={onEdit} onSubmitted={onSubmitted} />}
    </WithRecord>
  );
}

function SelfReviewPanel({
  detail,
  onEdit,
  onSubmitted,
}: {
  detail: RecordDetail;
  onEdit: () => void;
  onSubmitted: () => void;
}) {
  const { t } = useTranslation();
  const [checks, setChecks] = useState<Partial<Record<SelfReviewCheck, boolean>>>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const draft = detail.draft ?? {};
  const today = coreToday();
  const local = problemsOf(draft, today);
  const problems: Record<string, Message> = {};
  for (const [path, problem] of Object.entries(local)) {
    // a consent time is recorded by ticking the consent: the consent's own message says what to do
    const trigger = AUTOMATIC_BY[path];
    if (trigger !== undefined && local[trigger] !== undefined) continue;
    problems[path] = problemMessage(problem);
  }
  // the core's answer wins over the page's own check
  for (const [path, message] of Object.entries(refusal?.fields ?? {})) {
    const trigger = AUTOMATIC_BY[path];
    if (trigger !== undefined && (local[trigger] !== undefined || refusal?.fields[trigger] !== undefined))
      continue;
    problems[path] = message;
  }
  const count = Object.keys(problems).length;
  const allTicked = SELF_REVIEW_CHECKS.every((check) => checks[check] === true);

  async function submit(): Promise<void> {
    setBusy(true);
    try {
      const result = await api().call('records.submit', { recordId: detail.recordId, checklist: checks });
      if (result.ok) {
        onSubmitted();
        return;
      }
      const fields: Record<string, Message> = {};
      for (const [path, code] of Object.entries(result.error.fields ?? {}))
        fields[path] = problemMessage(code);
      const summary: Message =
        result.error.fields?.checklist !== undefined
          ? problemMessage(result.error.fields.checklist)
          : result.error.code === 'invalid_input'
            ? { key: 'records.selfReview.notSubmitted' }
            : { key: `errors.${result.error.code}` };
      setRefusal({ summary, fields });
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="panel panel-wide" aria-labelledby="self-review-title">
      <h1 id="self-review-title" ref={heading} tabIndex={-1}>
        {t('records.selfReview.title')}
        {draft.name ? ` · ${draft.name}` : ''}
      </h1>
      <p>{t('records.selfReview.intro')}</p>
      <p className={count > 0 ? 'field-problem' : 'ok'}>
        {count > 0 ? t('records.selfReview.problems', { count }) : t('records.selfReview.noProblems')}
      </p>
      <FieldList draft={draft} today={today} problems={problems} markRecommended />
      <fieldset className="subpanel">
        <legend>{t('records.selfReview.checklistTitle')}</legend>
        {SELF_REVIEW_CHECKS.map((check) => (
          <label key={check} className="check">
            <input
              type="checkbox"
              checked={checks[check] === true}
              onChange={(event) => {
                setChecks((previous) => ({ ...previous, [check]: event.target.checked }));
              }}
            />
            {t(`records.selfReview.check.${check}`)}
          </label>
        ))}
      </fieldset>
      <RefusalNotice refusal={refusal} />
      <div className="actions">
        <button type="button" onClick={onEdit}>
          {t('records.selfReview.edit')}
        </button>
        <button type="button" className="primary" disabled={!allTicked || busy} onClick={() => void submit()}>
          {t('records.selfReview.submit')}
        </button>
      </div>
    </section>
  );
}
