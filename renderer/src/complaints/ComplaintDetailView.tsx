import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  ANSWER_CHANNELS,
  COMPLAINT_NOTE_MAX,
  COMPLAINT_OUTCOMES,
  COMPLAINT_TEXT_MAX,
  type ComplaintDetail,
} from '../../../shared/ipc/complaint-schemas.js';
import type { StaffView } from '../../../shared/ipc/schemas.js';
import { localRefusal, problemMessage, say, type Message } from '../forms/refusal.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { SelectField } from '../forms/SelectField.js';
import { formatDateTime } from '../records/display.js';
import { callOrThrow } from '../snowdesk.js';
import { useWrite } from '../forms/use-write.js';
import { TextAreaField } from './TextAreaField.js';

interface Props {
  complaintId: string;
  self: StaffView;
  manages: boolean;
  onChanged: () => void;
  onClose: () => void;
}

/** One complaint: what the guest said, its history, and for handlers assign, note and resolve. */
export function ComplaintDetailView({ complaintId, self, manages, onChanged, onClose }: Props) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const [status, setStatus] = useState<Message | null>(null);
  const detail = useQuery({
    queryKey: ['complaints.open', complaintId],
    queryFn: () => callOrThrow('complaints.open', { complaintId }),
    staleTime: Infinity,
    retry: false,
  });
  useEffect(() => {
    heading.current?.focus();
  }, []);

  function changed(next: ComplaintDetail, message: Message) {
    client.setQueryData(['complaints.open', complaintId], next);
    setStatus(message);
    onChanged();
  }

  const complaint = detail.data;
  return (
    <div className="subpanel subpanel-focus">
      <h3 ref={heading} tabIndex={-1}>
        {complaint ? t('deskOps.complaints.detail', { number: complaint.number }) : t('deskOps.loading')}
      </h3>
      {detail.error && <p role="alert">{t('errors.not_found')}</p>}
      <p role="status" className="status-line">
        {status ? say(t, status) : null}
      </p>
      {complaint && (
        <>
          <dl className="facts">
            <dt>{t('deskOps.complaints.kind')}</dt>
            <dd>
              {t(`deskOps.complaints.kinds.${complaint.kind}`)}
              {complaint.urgent && (
                <span className="tag tag-urgent">
                  <span aria-hidden="true">⚠ </span>
                  {t('deskOps.complaints.urgent')}
                </span>
              )}
            </dd>
            <dt>{t('deskOps.complaints.status')}</dt>
            <dd>{t(`deskOps.complaints.statuses.${complaint.status}`)}</dd>
            <dt>{t('deskOps.complaints.receivedVia')}</dt>
            <dd>{t(`deskOps.complaints.channels.${complaint.receivedVia}`)}</dd>
            <dt>{t('deskOps.complaints.record')}</dt>
            <dd>
              {complaint.recordId ?? t('deskOps.complaints.noRecord')}
              {complaint.recordErased && ` ${t('deskOps.complaints.recordErased')}`}
            </dd>
            <dt>{t('deskOps.complaints.registeredBy')}</dt>
            <dd>
              {complaint.registeredBy.name} · {formatDateTime(complaint.registeredAt)}
            </dd>
            <dt>{t('deskOps.complaints.assignedTo')}</dt>
            <dd>{complaint.assignedTo?.name ?? '—'}</dd>
          </dl>
          <h4>{t('deskOps.complaints.text')}</h4>
          <p className="complaint-text">{complaint.text}</p>
          {complaint.answer !== null && complaint.answeredVia !== null && (
            <>
              <h4>
                {t('deskOps.complaints.answerGiven', {
                  via: t(`deskOps.complaints.answerChannels.${complaint.answeredVia}`),
                })}
              </h4>
              <p className="complaint-text">{complaint.answer}</p>
              {complaint.outcome && <p>{t(`deskOps.complaints.outcomes.${complaint.outcome}`)}</p>}
            </>
          )}
          <h4>{t('deskOps.complaints.history')}</h4>
          <ol className="plain-list">
            {complaint.events.map((event) => (
              <li key={event.seq}>
                {formatDateTime(event.at)}{' '}
                {t(`deskOps.complaints.events.${event.kind}`, {
                  name: event.staff.name,
                  assignee: event.assignee?.name ?? '',
                })}
                {event.note !== null && `：${event.note}`}
              </li>
            ))}
          </ol>
          {manages && complaint.status !== 'resolved' && (
            <>
              <AssignForm complaint={complaint} onDone={changed} />
              <NoteForm complaint={complaint} onDone={changed} />
              {complaint.assignedTo?.id === self.id && <ResolveForm complaint={complaint} onDone={changed} />}
            </>
          )}
        </>
      )}
      <div className="actions">
        <button type="button" onClick={onClose}>
          {t('deskOps.complaints.close')}
        </button>
      </div>
    </div>
  );
}

type Done = (next: ComplaintDetail, message: Message) => void;

function AssignForm({ complaint, onDone }: { complaint: ComplaintDetail; onDone: Done }) {
  const { t } = useTranslation();
  const people = useQuery({
    queryKey: ['complaints.assignees'],
    queryFn: () => callOrThrow('complaints.assignees', {}),
  });
  const [assignee, setAssignee] = useState('');
  const { busy, refusal, setRefusal, write } = useWrite();

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (assignee === '') {
      setRefusal(localRefusal({ assigneeId: problemMessage('desk.required') }));
      return;
    }
    const result = await write(
      'complaints.assign',
      { complaintId: complaint.id, assigneeId: assignee },
      { shown: { assigneeId: 'assigneeId' } },
    );
    if (result)
      onDone(result, { key: 'deskOps.complaints.assigned', values: { name: result.assignedTo?.name ?? '' } });
  }

  const options = [
    { value: '', label: t('deskOps.complaints.choose') },
    ...(people.data?.people ?? []).map((p) => ({ value: p.id, label: p.name })),
  ];
  return (
    <form className="form-row" noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
      <SelectField
        label={t('deskOps.complaints.assignee')}
        value={assignee}
        onChange={setAssignee}
        options={options}
        problem={refusal?.fields.assigneeId}
      />
      <RefusalNotice refusal={refusal} />
      <div className="actions">
        <button type="submit" aria-disabled={busy}>
          {t('deskOps.complaints.assign')}
        </button>
      </div>
    </form>
  );
}

function NoteForm({ complaint, onDone }: { complaint: ComplaintDetail; onDone: Done }) {
  const { t } = useTranslation();
  const [note, setNote] = useState('');
  const { busy, refusal, setRefusal, write } = useWrite();

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (note.trim() === '') {
      setRefusal(localRefusal({ note: problemMessage('desk.required') }));
      return;
    }
    const result = await write(
      'complaints.note',
      { complaintId: complaint.id, note },
      {
        shown: {
          note: 'note',
        },
      },
    );
    if (result) {
      setNote('');
      onDone(result, { key: 'deskOps.complaints.noteAdded' });
    }
  }

  return (
    <form noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
      <TextAreaField
        label={t('deskOps.complaints.note')}
        value={note}
        onChange={setNote}
        rows={2}
        maxLength={COMPLAINT_NOTE_MAX}
        problem={refusal?.fields.note}
      />
      <RefusalNotice refusal={refusal} />
      <div className="actions">
        <button type="submit" aria-disabled={busy}>
          {t('deskOps.complaints.addNote')}
        </button>
      </div>
    </form>
  );
}

function ResolveForm({ complaint, onDone }: { complaint: ComplaintDetail; onDone: Done }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [outcome, setOutcome] = useState<(typeof COMPLAINT_OUTCOMES)[number]>('upheld');
  const [via, setVia] = useState<(typeof ANSWER_CHANNELS)[number]>('phone');
  const [answer, setAnswer] = useState('');
  const { busy, refusal, setRefusal, write } = useWrite();

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (answer.trim() === '') {
      setRefusal(localRefusal({ answer: problemMessage('desk.required') }));
      return;
    }
    const result = await write(
      'complaints.resolve',
      { complaintId: complaint.id, outcome, answeredVia: via, answer },
      { shown: { answer: 'answer', outcome: 'outcome', answeredVia: 'answeredVia' } },
    );
    if (result) onDone(result, { key: 'deskOps.complaints.resolved' });
  }

  return (
    <form
      className="subpanel"
      aria-labelledby={titleId}
      noValidate
      aria-busy={busy}
      onSubmit={(event) => void onSubmit(event)}
    >
      <h4 id={titleId}>{t('deskOps.complaints.resolve')}</h4>
      <SelectField
        label={t('deskOps.complaints.outcome')}
        value={outcome}
        onChange={setOutcome}
        options={COMPLAINT_OUTCOMES.map((value) => ({
          value,
          label: t(`deskOps.complaints.outcomes.${value}`),
        }))}
        problem={refusal?.fields.outcome}
      />
      <SelectField
        label={t('deskOps.complaints.answeredVia')}
        value={via}
        onChange={setVia}
        options={ANSWER_CHANNELS.map((value) => ({
          value,
          label: t(`deskOps.complaints.answerChannels.${value}`),
        }))}
        problem={refusal?.fields.answeredVia}
      />
      <TextAreaField
        label={t('deskOps.complaints.answer')}
        value={answer}
        onChange={setAnswer}
        maxLength={COMPLAINT_TEXT_MAX}
        problem={refusal?.fields.answer}
      />
      <RefusalNotice refusal={refusal} />
      <div className="actions">
        <button type="submit" className="primary" aria-disabled={busy}>
          {t('deskOps.complaints.resolve')}
        </button>
      </div>
    </form>
  );
}
