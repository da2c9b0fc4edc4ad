import { useQuery } from '@tanstack/react-query';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { TeamDay } from '../../../shared/ipc/team-schemas.js';
import { describeRefusal } from '../forms/refusal.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { TextField } from '../forms/TextField.js';
import { fieldLabelKey } from '../records/draft-model.js';
import { formatClock, formatDateTime } from '../records/display.js';
import { CoreCallError, callOrThrow } from '../snowdesk.js';
import { formatAge } from './age.js';
import './desk-ops.css';

/**
 * The team lead's day (R25 日常监督): entries per person for a day, the queues now with the wait
 * of their oldest item, what is overdue, and the day's returns with the reviewers' reasons. Every
 * look opens sealed review comments and is audited by the core, so the panel does not poll: it
 * asks when shown, when a day is chosen, and when the lead presses refresh.
 */
export function TeamDayPanel() {
  const { t } = useTranslation();
  const titleId = useId();
  const [typed, setTyped] = useState('');
  const [date, setDate] = useState<string | null>(null);
  // a refused day keeps the last answer on screen (its tables name their day)
  const [shown, setShown] = useState<TeamDay | null>(null);
  const day = useQuery({
    queryKey: ['team.day', date],
    queryFn: async () => {
      const answer = await callOrThrow('team.day', date === null ? {} : { date });
      setShown(answer);
      return answer;
    },
    staleTime: Infinity,
    retry: false,
  });
  const onScreen = day.data ?? shown;
  const refusal =
    day.error instanceof CoreCallError ? describeRefusal(day.error.error, { date: 'date' }) : null;

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const next = typed.trim() === '' ? null : typed.trim();
    if (next === date) void day.refetch();
    else setDate(next);
  }

  return (
    <section className="panel panel-wide team-day" aria-labelledby={titleId}>
      <div className="panel-heading">
        <h2 id={titleId}>{t('deskOps.team.title')}</h2>
        <button type="button" onClick={() => void day.refetch()}>
          {t('deskOps.refresh')}
        </button>
      </div>
      <p>{t('deskOps.team.intro')}</p>
      <form className="form-row team-day-date" noValidate onSubmit={onSubmit}>
        <TextField
          label={t('deskOps.team.date')}
          value={typed}
          onChange={setTyped}
          hint="YYYY-MM-DD"
          maxLength={10}
          problem={refusal?.fields.date}
        />
        <div className="actions">
          <button type="submit">{t('deskOps.team.show')}</button>
        </div>
      </form>
      {refusal && !refusal.fields.date && <RefusalNotice refusal={refusal} />}
      {onScreen === null && day.isPending && <p className="muted">{t('deskOps.loading')}</p>}
      {onScreen && <TeamDayTables day={onScreen} />}
    </section>
  );
}

function TeamDayTables({ day }: { day: TeamDay }) {
  const { t } = useTranslation();
  return (
    <>
      {day.practice && (
        <p className="practice-banner" role="note">
          {t('deskOps.practice')}
        </p>
      )}
      <p className="muted">{t('deskOps.team.asOf', { time: formatDateTime(day.now) })}</p>
      <PeopleTable day={day} />
      <QueuesTable day={day} />
      <OverdueTable day={day} />
      <ReturnsTable day={day} />
    </>
  );
}

function OverdueMark({ text }: { text: string }) {
  // not colour alone: a sign and a word, read out with the row
  return (
    <span className="deadline deadline-overdue">
      <span aria-hidden="true">⚠ </span>
      {text}
    </span>
  );
}

function PeopleTable({ day }: { day: TeamDay }) {
  const { t } = useTranslation();
  const columns = ['started', 'submitted', 'late', 'valid', 'returned', 'reviewed'] as const;
  return (
    <div className="table-scroll">
      <table className="queue-table">
        <caption>
          {t('deskOps.team.people')} · {day.date}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('deskOps.team.person')}</th>
            {columns.map((column) => (
              <th scope="col" key={column}>
                {t(`deskOps.team.${column}`)}
              </th>
            ))}
            <th scope="col">{t('deskOps.team.overdueNow')}</th>
          </tr>
        </thead>
        <tbody>
          {day.people.length === 0 ? (
            <tr>
              <td colSpan={columns.length + 2} className="muted">
                {t('deskOps.none')}
              </td>
            </tr>
          ) : (
            day.people.map((person) => (
              <tr key={person.staff.id} className={person.overdueNow > 0 ? 'row-overdue' : undefined}>
                <th scope="row">
                  {person.staff.name} <span className="muted">{t(`roles.${person.staff.role}`)}</span>
                </th>
                {columns.map((column) => (
                  <td key={column}>{person[column]}</td>
                ))}
                <td>
                  {person.overdueNow > 0 ? (
                    <OverdueMark text={`${t('deskOps.team.overdueMark')} ${String(person.overdueNow)}`} />
                  ) : (
                    0
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function QueuesTable({ day }: { day: TeamDay }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="queue-table">
        <caption>{t('deskOps.team.queues')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('deskOps.team.queue')}</th>
            <th scope="col">{t('deskOps.team.count')}</th>
            <th scope="col">{t('deskOps.team.oldest')}</th>
            <th scope="col">{t('deskOps.team.overdueCount')}</th>
          </tr>
        </thead>
        <tbody>
          {day.queues.map((queue) => (
            <tr key={queue.queue} className={queue.overdue > 0 ? 'row-overdue' : undefined}>
              <th scope="row">{t(`deskOps.team.queueName.${queue.queue}`)}</th>
              <td>{queue.count}</td>
              <td>{queue.oldestAgeMs === null ? '—' : formatAge(t, queue.oldestAgeMs)}</td>
              <td>
                {queue.overdue > 0 ? (
                  <OverdueMark text={`${t('deskOps.team.overdueMark')} ${String(queue.overdue)}`} />
                ) : (
                  0
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function OverdueTable({ day }: { day: TeamDay }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="queue-table">
        <caption>
          {t('deskOps.team.overdue')}（{day.overdue.length}）
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('deskOps.team.guest')}</th>
            <th scope="col">{t('deskOps.team.queue')}</th>
            <th scope="col">{t('deskOps.team.responsible')}</th>
            <th scope="col">{t('deskOps.team.deadline')}</th>
            <th scope="col">{t('deskOps.team.overdueBy')}</th>
          </tr>
        </thead>
        <tbody>
          {day.overdue.length === 0 ? (
            <tr>
              <td colSpan={5} className="muted">
                {t('deskOps.none')}
              </td>
            </tr>
          ) : (
            day.overdue.map((item) => (
              <tr key={item.recordId} className="row-overdue">
                <th scope="row">{item.guestName || t('deskOps.team.unnamed')}</th>
                <td>{t(`deskOps.team.queueName.${item.queue}`)}</td>
                <td>{item.responsible?.name ?? t('deskOps.team.teamResponsible')}</td>
                <td>
                  {t(`deskOps.team.deadlineKind.${item.deadlineKind}`)} · {formatClock(item.dueAt)}
                </td>
                <td>
                  <OverdueMark text={`${t('deskOps.team.overdueMark')} ${formatAge(t, item.overdueMs)}`} />
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function ReturnsTable({ day }: { day: TeamDay }) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="queue-table">
        <caption>
          {t('deskOps.team.returns')} · {day.date}（{day.returns.length}）
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('deskOps.team.guest')}</th>
            <th scope="col">{t('deskOps.team.entrant')}</th>
            <th scope="col">{t('deskOps.team.reviewer')}</th>
            <th scope="col">{t('deskOps.team.time')}</th>
            <th scope="col">{t('deskOps.team.reasons')}</th>
            <th scope="col">{t('deskOps.team.status')}</th>
          </tr>
        </thead>
        <tbody>
          {day.returns.length === 0 ? (
            <tr>
              <td colSpan={6} className="muted">
                {t('deskOps.none')}
              </td>
            </tr>
          ) : (
            day.returns.map((item) => (
              <tr key={`${item.recordId}#${String(item.round)}`}>
                <th scope="row">{item.guestName || t('deskOps.team.unnamed')}</th>
                <td>{item.entrant?.name ?? '—'}</td>
                <td>
                  {item.reviewer.name}{' '}
                  <span className="muted">{t(`deskOps.team.stageName.${item.stage}`)}</span>
                </td>
                <td>{formatClock(item.decidedAt)}</td>
                <td>
                  <ul className="plain-list">
                    {item.comments.map((comment, index) => (
                      <li key={index}>
                        <strong>{t(fieldLabelKey(comment.path))}</strong>：{comment.text}
                      </li>
                    ))}
                  </ul>
                </td>
                <td>{t(item.handled ? 'deskOps.team.handled' : 'deskOps.team.pending')}</td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
