import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState } from 'react';
import { refusalMessage, say } from '../forms/refusal.js';
import { useTranslation } from 'react-i18next';
import { roleAllows } from '../../../shared/domain/roles.js';
import type { RecordDetail } from '../../../shared/ipc/record-schemas.js';
import type { StaffView } from '../../../shared/ipc/schemas.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import type { Refusal } from '../forms/refusal.js';
import { api, callOrThrow } from '../snowdesk.js';
import { coreToday } from './desk-clock.js';
import { formatDateTime } from './display.js';
import { fieldLabelKey } from './draft-model.js';
import { FieldList } from './FieldList.js';
import { RoundsHistory } from './IntakeForm.js';
import { RecordTags } from './RecordTags.js';
import { WithRecord } from './WithRecord.js';
import type { MessageKey } from '../i18n-types.js';

interface Props {
  staff: StaffView;
  recordId: string;
  stage: 'cross' | 'final';
  onDone: (notice: MessageKey) => void;
  onBack: () => void;
}

/** R13 cross-review and R14 final review: approve, or return with comments on fields. */
export function ReviewScreen({ staff, recordId, stage, onDone, onBack }: Props) {
  return (
    <WithRecord recordId={recordId} onBack={onBack}>
      {(detail) => (
        <ReviewPanel staff={staff} detail={detail} stage={stage} onDone={onDone} onBack={onBack} />
      )}
    </WithRecord>
  );
}

function ReviewPanel({
  staff,
  detail,
  stage,
  onDone,
  onBack,
}: {
  staff: StaffView;
  detail: RecordDetail;
  stage: 'cross' | 'final';
  onDone: (notice: MessageKey) => void;
  onBack: () => void;
}) {
  const { t } = useTranslation();
  const [comments, setComments] = useState<Record<string, string>>({});
  const [escalate, setEscalate] = useState(false);
  const [escalateReason, setEscalateReason] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const id = useId();
  useEffect(() => {
    heading.current?.focus();
  }, []);
  const draft = detail.draft ?? {};
  const written = Object.entries(comments).filter(([, text]) => text.trim() !== '');
  const approveAction = stage === 'cross' ? 'approve_cross' : 'approve_final';
  const returnAction = stage === 'cross' ? 'return_cross' : 'return_final';
  const canApprove = detail.allowedActions.includes(approveAction);
  const canReturn = detail.allowedActions.includes(returnAction);
  const lastEscalation = detail.rounds.filter((r) => r.escalateReason).at(-1);

  async function decide(kind: 'approve' | 'return'): Promise<void> {
    if (kind === 'return' && written.length === 0) {
      setRefusal({ summary: { key: 'records.review.needComment' }, fields: {} });
      return;
    }
    setBusy(true);
    try {
      const recordId = detail.recordId;
      const list = written.map(([path, text]) => ({ path, text: text.trim() }));
      const result =
        kind === 'return'
          ? await api().call(stage === 'cross' ? 'review.returnCross' : 'review.returnFinal', {
              recordId,
              comments: list,
            })
          : stage === 'cross'
            ? await api().call('review.approveCross', {
                recordId,
                ...(escalate ? { escalate: { reason: escalateReason } } : {}),
              })
            : await api().call('review.approveFinal', { recordId });
      if (result.ok) {
        onDone(kind === 'return' ? 'records.desk.returned' : 'records.desk.approved');
        return;
      }
      setRefusal({ summary: refusalMessage(result.error), fields: {} });
    } finally {
      setBusy(false);
    }
  }

  function commentBox(path: string, label: string) {
    if (!canReturn) return null;
    if (comments[path] === undefined) {
      return (
        <button
          type="button"
          className="comment-add"
          onClick={() => {
            setComments((c) => ({ ...c, [path]: '' }));
          }}
        >
          {t('records.review.addComment', { field: label })}
        </button>
      );
    }
    return (
      <span className="field">
        <label htmlFor={`${id}-${path}`}>{t('records.review.commentLabel', { field: label })}</label>
        <input
          id={`${id}-${path}`}
          autoFocus
          value={comments[path]}
          maxLength={1000}
          onChange={(event) => {
            setComments((c) => ({ ...c, [path]: event.target.value }));
          }}
        />
        <button
          type="button"
          onClick={() => {
            setComments((c) => Object.fromEntries(Object.entries(c).filter(([key]) => key !== path)));
          }}
        >
          {t('records.review.removeComment', { field: label })}
        </button>
      </span>
    );
  }

  return (
    <section className="panel panel-wide" aria-labelledby="review-title">
      <h1 id="review-title" ref={heading} tabIndex={-1}>
        {t(stage === 'cross' ? 'records.review.crossTitle' : 'records.review.finalTitle')}
        {draft.name ? ` · ${draft.name}` : ''}
        <RecordTags
          vip={detail.vip}
          doubtful={detail.doubtful}
          correction={detail.correction}
          practice={detail.practice}
        />
      </h1>
      <p>{t('records.review.intro', { entrant: detail.entrant?.name ?? '' })}</p>
      <dl className="facts">
        <dt>{t('records.review.entrant')}</dt>
        <dd>{detail.entrant?.name ?? '—'}</dd>
        <dt>{t('records.queue.state')}</dt>
        <dd>{t(`records.state.${detail.state}`)}</dd>
        {detail.submittedAt !== null && (
          <>
            <dt>{t('records.review.submittedAt')}</dt>
            <dd>{formatDateTime(detail.submittedAt)}</dd>
          </>
        )}
      </dl>
      {detail.correctionReason && (
        <p>{t('records.review.correctionReason', { reason: detail.correctionReason })}</p>
      )}
      {lastEscalation?.escalateReason && (
        <p className="notice notice-warning">
          {t('records.review.doubtReason', { reason: lastEscalation.escalateReason })}
        </p>
      )}
      {stage === 'cross' &&
        roleAllows(staff.role, 'review.assign', true) &&
        detail.state === 'awaiting_cross_review' && <AssignReviewer detail={detail} />}
      <FieldList draft={draft} today={coreToday()} extra={commentBox} />
      {canReturn && (
        <section className="subpanel">
          <h2>{t('records.wholeRecord')}</h2>
          {commentBox('_', t(fieldLabelKey('_')))}
          <p className="muted">{t('records.review.commentsCount', { count: written.length })}</p>
        </section>
      )}
      {stage === 'cross' && canApprove && (
        <div className="subpanel">
          <label className="check">
            <input
              type="checkbox"
              checked={escalate}
              onChange={(event) => {
                setEscalate(event.target.checked);
              }}
            />
            {t('records.review.escalate')}
          </label>
          {escalate && (
            <div className="field">
              <label htmlFor={`${id}-escalate`}>{t('records.review.escalateReason')}</label>
              <input
                id={`${id}-escalate`}
                value={escalateReason}
                onChange={(event) => {
                  setEscalateReason(event.target.value);
                }}
              />
            </div>
          )}
        </div>
      )}
      {detail.rounds.length > 0 && <RoundsHistory detail={detail} />}
      <RefusalNotice refusal={refusal} />
      <div className="actions">
        <button type="button" onClick={onBack}>
          {t('records.back')}
        </button>
        {canReturn && (
          <button type="button" disabled={busy} onClick={() => void decide('return')}>
            {t('records.review.return')}
          </button>
        )}
        {canApprove && (
          <button
            type="button"
            className="primary"
            disabled={busy || written.length > 0 || (escalate && escalateReason.trim() === '')}
            onClick={() => void decide('approve')}
          >
            {t(stage === 'cross' ? 'records.review.approve' : 'records.review.approveFinal')}
          </button>
        )}
      </div>
    </section>
  );
}

/** The lead or manager chooses who cross-reviews (R13). */
function AssignReviewer({ detail }: { detail: RecordDetail }) {
  const { t } = useTranslation();
  const id = useId();
  const reviewers = useQuery({
    queryKey: ['review.reviewers', detail.recordId],
    queryFn: () => callOrThrow('review.reviewers', { recordId: detail.recordId }),
    staleTime: 0,
  });
  const [chosen, setChosen] = useState(detail.assignedReviewer?.id ?? '');
  const [done, setDone] = useState<string | null>(null);
  async function assign(): Promise<void> {
    const result = await api().call('review.assign', {
      recordId: detail.recordId,
      reviewerId: chosen === '' ? null : chosen,
    });
    setDone(result.ok ? t('records.review.assigned') : say(t, refusalMessage(result.error)));
  }
  return (
    <div className="subpanel">
      <h2>{t('records.review.assignTitle')}</h2>
      <div className="form-row">
        <div className="field">
          <label htmlFor={id}>{t('records.review.assignTo')}</label>
          <select
            id={id}
            value={chosen}
            onChange={(event) => {
              setChosen(event.target.value);
            }}
          >
            <option value="">{t('records.review.unassigned')}</option>
            {reviewers.data?.reviewers.map((r) => (
              <option key={r.id} value={r.id}>
                {r.name}（{t(`roles.${r.role}`)}）
              </option>
            ))}
          </select>
        </div>
      </div>
      <button type="button" onClick={() => void assign()}>
        {t('records.review.assign')}
      </button>
      {done && <p role="status">{done}</p>}
    </div>
  );
}
