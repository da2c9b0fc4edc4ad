import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SyncDetails, SyncStatus } from '../../../shared/ipc/sync-schemas.js';
import { describeRefusal, say, type Message, type Refusal } from '../forms/refusal.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { formatWhen } from '../shell/SyncStatus.js';
import { api, callOrThrow, CoreCallError } from '../snowdesk.js';
import { useCoreEvent } from '../use-core-event.js';
import { EnrolmentForm } from './EnrolmentForm.js';
import { StuckItems, SYNC_STUCK_KEY } from './StuckItems.js';
import { ProblemNotice, SyncAnswer, type Answer } from './SyncAnswer.js';

export const SYNC_DETAILS_KEY = ['sync.details'] as const;

function loadProblem(error: unknown): Refusal | null {
  if (error instanceof CoreCallError) return describeRefusal(error.error, {});
  return error ? { summary: { key: 'errors.protocol' }, fields: {} } : null;
}

/** The maintainer's view of sync (R24, R29): where the kiosk sends to, how it goes, what is stuck. */
export function DeviceSync() {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const client = useQueryClient();
  const details = useQuery({ queryKey: SYNC_DETAILS_KEY, queryFn: () => callOrThrow('sync.details', {}) });
  const [answer, setAnswer] = useState<Answer | null>(null);
  const [status, setStatus] = useState<Message | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [busy, setBusy] = useState(false);

  const refresh = useCallback(async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: SYNC_DETAILS_KEY }),
      client.invalidateQueries({ queryKey: SYNC_STUCK_KEY }),
    ]);
  }, [client]);
  const onChange = useCallback(
    (next: SyncStatus) => {
      client.setQueryData<SyncDetails>(
        SYNC_DETAILS_KEY,
        (previous) => previous && { ...previous, status: next },
      );
      // the English detail and the stuck list change with the status
      void refresh();
    },
    [client, refresh],
  );
  useCoreEvent('sync.changed', onChange);

  async function testStored() {
    if (busy) return;
    setBusy(true);
    setStatus(null);
    setRefusal(null);
    setAnswer(null);
    try {
      const result = await api().call('sync.testConnection', {});
      if (result.ok) setAnswer({ kind: 'test', result: result.value });
      else setRefusal(describeRefusal(result.error, {}));
    } finally {
      setBusy(false);
    }
  }

  async function syncNow() {
    if (busy) return;
    setBusy(true);
    setStatus(null);
    setRefusal(null);
    setAnswer(null);
    try {
      const result = await api().call('sync.retry', {});
      if (result.ok) setStatus({ key: 'maintainer.sync.nowStarted' });
      else setRefusal(describeRefusal(result.error, {}));
      await refresh();
    } finally {
      setBusy(false);
    }
  }

  const data = details.data;
  const s = data?.status;
  const enrolment = data?.enrolment ?? null;
  const when = (at: number | null, never: string) => (at === null ? never : formatWhen(at, i18n.language));
  return (
    <>
      <section className="panel panel-wide" aria-labelledby={titleId}>
        <div className="panel-heading">
          <h2 id={titleId}>{t('sync.title')}</h2>
          <button type="button" onClick={() => void refresh()}>
            {t('maintainer.sync.refresh')}
          </button>
        </div>
        <RefusalNotice refusal={loadProblem(details.error)} />
        {details.isPending && <p className="muted">{t('maintainer.sync.loading')}</p>}
        {s && (
          <>
            <dl className="facts facts-text" aria-label={t('maintainer.sync.statusLabel')}>
              <dt>{t('maintainer.sync.state')}</dt>
              <dd>{t(`sync.states.${s.state}`)}</dd>
              <dt>{t('maintainer.sync.connection')}</dt>
              <dd>
                {s.online
                  ? t('sync.online')
                  : enrolment
                    ? t('network.central.unreachable')
                    : t('sync.notEnrolled')}
              </dd>
              <dt>{t('maintainer.sync.waiting')}</dt>
              <dd>{s.waiting}</dd>
              <dt>{t('maintainer.sync.stuck')}</dt>
              <dd>{s.stuck}</dd>
              {s.inboxToOpen > 0 && (
                <>
                  <dt>{t('maintainer.sync.inboxToOpen')}</dt>
                  <dd>{s.inboxToOpen}</dd>
                </>
              )}
              <dt>{t('maintainer.sync.lastSuccess')}</dt>
              <dd>{when(s.lastSuccessAt, t('sync.neverSynced'))}</dd>
              {s.nextAttemptAt !== null && (
                <>
                  <dt>{t('maintainer.sync.nextAttempt')}</dt>
                  <dd>{formatWhen(s.nextAttemptAt, i18n.language)}</dd>
                </>
              )}
            </dl>
            {s.lastError && <ProblemNotice problem={s.lastError.problem} detail={data.lastErrorDetail} />}
            {s.clockSkewMs !== null && <p className="notice notice-warning">{t('sync.clockSkew')}</p>}
          </>
        )}
        {enrolment && (
          <>
            <h3>{t('maintainer.sync.enrolmentTitle')}</h3>
            <dl className="facts facts-text" aria-label={t('maintainer.sync.enrolmentTitle')}>
              <dt>{t('maintainer.fields.url')}</dt>
              <dd>
                <code>{enrolment.url}</code>
              </dd>
              <dt>{t('maintainer.sync.deviceName')}</dt>
              <dd>{enrolment.deviceName}</dd>
              <dt>{t('device.deviceId')}</dt>
              <dd>
                <code>{enrolment.deviceId}</code>
              </dd>
              <dt>{t('maintainer.fields.centralPublicKey')}</dt>
              <dd>
                <code>{enrolment.centralPublicKey}</code>
              </dd>
              <dt>{t('maintainer.sync.tlsPins')}</dt>
              <dd>
                {enrolment.tlsPins.length === 0 ? (
                  t('maintainer.sync.noPins')
                ) : (
                  <code>{enrolment.tlsPins.join(' ')}</code>
                )}
              </dd>
              <dt>{t('maintainer.sync.enrolledAt')}</dt>
              <dd>{formatWhen(enrolment.enrolledAt, i18n.language)}</dd>
            </dl>
          </>
        )}
        <p role="status" className="status-line">
          {status ? say(t, status) : null}
        </p>
        <RefusalNotice refusal={refusal} />
        <SyncAnswer answer={answer} />
        {enrolment && (
          <div className="actions actions-start">
            <button type="button" aria-disabled={busy} onClick={() => void testStored()}>
              {t('maintainer.enrol.test')}
            </button>
            <button type="button" aria-disabled={busy} onClick={() => void syncNow()}>
              {t('maintainer.sync.now')}
            </button>
          </div>
        )}
        {data && (
          <EnrolmentForm
            enrolled={enrolment !== null}
            onEnrolled={(next) => {
              client.setQueryData(SYNC_DETAILS_KEY, next);
              setAnswer(null);
              setRefusal(null);
              setStatus({ key: 'maintainer.enrol.done' });
              void refresh();
            }}
          />
        )}
      </section>
      <StuckItems onRetried={() => void refresh()} />
    </>
  );
}
