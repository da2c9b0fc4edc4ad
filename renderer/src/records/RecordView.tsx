import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Result } from '../../../shared/ipc/errors.js';
import type { RecordDetail } from '../../../shared/ipc/record-schemas.js';
import { api } from '../snowdesk.js';
import { coreToday } from './desk-clock.js';
import { formatDateTime } from './display.js';
import { DiscardDraft } from './DiscardDraft.js';
import { FieldList } from './FieldList.js';
import { RoundsHistory } from './IntakeForm.js';
import { RecordTags } from './RecordTags.js';
import { WithRecord } from './WithRecord.js';
import { RecordComplaint } from '../complaints/RecordComplaint.js';
import type { MessageKey } from '../i18n-types.js';
import { refusalMessage, say } from '../forms/refusal.js';

export type RecordNext =
  { to: 'intake' } | { to: 'review'; stage: 'cross' | 'final' } | { to: 'home'; notice: MessageKey };

interface Props {
  recordId: string;
  onNext: (next: RecordNext) => void;
  onBack: () => void;
}

/** One guest's record, read-only, with what this person may do with it now (R19). */
export function RecordView({ recordId, onNext, onBack }: Props) {
  return (
    <WithRecord recordId={recordId} onBack={onBack}>
      {(detail) => <RecordPanel detail={detail} onNext={onNext} onBack={onBack} />}
    </WithRecord>
  );
}

function RecordPanel({
  detail,
  onNext,
  onBack,
}: {
  detail: RecordDetail;
  onNext: Props['onNext'];
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const draft = detail.draft;
  const can = (action: RecordDetail['allowedActions'][number]) => detail.allowedActions.includes(action);
  return (
    <section className="panel panel-wide" aria-labelledby="record-title">
      <h1 id="record-title" ref={heading} tabIndex={-1}>
        {t('records.record.title')}
        {draft?.name ? ` · ${draft.name}` : ''}
        <RecordTags
          vip={detail.vip}
          doubtful={detail.doubtful}
          correction={detail.correction}
          erasurePending={detail.erasureRequest !== null}
          practice={detail.practice}
        />
      </h1>
      <p>
        {t(`records.state.${detail.state}`)}
        {detail.validAt !== null &&
          ` · ${t('records.record.validSince', { time: formatDateTime(detail.validAt) })}`}
      </p>
      {draft && <FieldList draft={draft} today={coreToday()} />}
      {detail.rounds.length > 0 && <RoundsHistory detail={detail} />}
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('records.back')}
        </button>
        {detail.canEdit && (
          <button
            type="button"
            className="primary"
            onClick={() => {
              onNext({ to: 'intake' });
            }}
          >
            {t('records.record.continueEntry')}
          </button>
        )}
        {(can('approve_cross') || can('return_cross')) && (
          <button
            type="button"
            onClick={() => {
              onNext({ to: 'review', stage: 'cross' });
            }}
          >
            {t('records.queue.review', { name: draft?.name ?? '' })}
          </button>
        )}
        {(can('approve_final') || can('return_final')) && (
          <button
            type="button"
            onClick={() => {
              onNext({ to: 'review', stage: 'final' });
            }}
          >
            {t('records.queue.review', { name: draft?.name ?? '' })}
          </button>
        )}
      </div>
      {can('start_correction') && (
        <ReasonAction
          label={t('records.record.correctionReason')}
          title={t('records.record.correct')}
          button={t('records.record.startCorrection')}
          run={(reason) => api().call('records.startCorrection', { recordId: detail.recordId, reason })}
          onDone={() => {
            onNext({ to: 'intake' });
          }}
        />
      )}
      {can('discard_draft') && (
        <DiscardDraft
          recordId={detail.recordId}
          onDone={() => {
            onNext({ to: 'home', notice: 'records.desk.draftDiscarded' });
          }}
        />
      )}
      {can('request_erasure') && (
        <ReasonAction
          label={t('records.record.erasureReason')}
          title={t('records.record.requestErasure')}
          button={t('records.record.sendErasure')}
          run={(reason) => api().call('erasure.request', { recordId: detail.recordId, reason })}
          onDone={() => {
            onNext({ to: 'home', notice: 'records.desk.erasureRequested' });
          }}
        />
      )}
      {!detail.practice && <RecordComplaint recordId={detail.recordId} />}
    </section>
  );
}

function ReasonAction({
  title,
  label,
  button,
  run,
  onDone,
}: {
  title: string;
  label: string;
  button: string;
  run: (reason: string) => Promise<Result<unknown>>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  async function go(): Promise<void> {
    if (reason.trim() === '') {
      setProblem(t('validation.account.required'));
      return;
    }
    const result = await run(reason.trim());
    if (result.ok) onDone();
    else setProblem(say(t, refusalMessage(result.error)));
  }
  return (
    <div className="subpanel">
      <h2>{title}</h2>
      <div className="field">
        <label htmlFor={id}>{label}</label>
        <input
          id={id}
          value={reason}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(event) => {
            setReason(event.target.value);
          }}
        />
        {problem && (
          <p id={`${id}-problem`} className="field-problem">
            {problem}
          </p>
        )}
      </div>
      <button type="button" onClick={() => void go()}>
        {button}
      </button>
    </div>
  );
}
