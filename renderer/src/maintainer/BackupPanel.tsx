import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupDetails, BackupRunResult } from '../../../shared/ipc/backup-schemas.js';
import { describeRefusal, type Refusal } from '../forms/refusal.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { formatWhen } from '../shell/SyncStatus.js';
import { api, callOrThrow, CoreCallError } from '../snowdesk.js';
import { useCoreEvent } from '../use-core-event.js';
import { BackupRestoreForm } from './BackupRestoreForm.js';
import { BackupSettingsForm } from './BackupSettingsForm.js';
import { formatBytes, problemKey } from './backup-words.js';

export const BACKUP_STATUS_KEY = ['backup.status'] as const;

/**
 * The maintainer's 备份 section (R16): the last good backup, a warning that cannot be missed when
 * there is none, the last one failed or it is more than a day old, the settings, "back up now",
 * and the restore.
 */
export function BackupPanel() {
  const { t } = useTranslation();
  const titleId = useId();
  const client = useQueryClient();
  const status = useQuery({ queryKey: BACKUP_STATUS_KEY, queryFn: () => callOrThrow('backup.status', {}) });
  const [answer, setAnswer] = useState<BackupRunResult | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [running, setRunning] = useState(false);

  const refresh = useCallback(() => client.invalidateQueries({ queryKey: BACKUP_STATUS_KEY }), [client]);
  const onChanged = useCallback(() => {
    void refresh();
  }, [refresh]);
  useCoreEvent('backup.changed', onChanged);

  async function backUpNow() {
    if (running) return;
    setRunning(true);
    setAnswer(null);
    setRefusal(null);
    try {
      const result = await api().call('backup.run', {});
      if (result.ok) setAnswer(result.value);
      else setRefusal(describeRefusal(result.error, {}));
      await refresh();
    } finally {
      setRunning(false);
    }
  }

  const data = status.data;
  const loadProblem = status.error instanceof CoreCallError ? describeRefusal(status.error.error, {}) : null;
  return (
    <section className="panel panel-wide" aria-labelledby={titleId}>
      <div className="panel-heading">
        <h2 id={titleId}>{t('backup.title')}</h2>
        <button type="button" onClick={() => void refresh()}>
          {t('backup.refresh')}
        </button>
      </div>
      <p>{t('backup.intro')}</p>
      <RefusalNotice refusal={loadProblem} />
      {status.isPending && <p className="muted">{t('backup.loading')}</p>}
      {data && (
        <>
          <BackupWarningNotice details={data} />
          <BackupFacts details={data} fetchedAt={status.dataUpdatedAt} />
          <div className="actions actions-start">
            <button
              type="button"
              className="primary"
              aria-disabled={running}
              onClick={() => void backUpNow()}
            >
              {t('backup.now')}
            </button>
          </div>
          <p role="status" className="status-line">
            {running || data.running ? t('backup.running') : null}
          </p>
          <RunAnswer answer={answer} />
          <RefusalNotice refusal={refusal} />
          {/* what the maintainer typed stays in the form; it starts from the stored settings */}
          <BackupSettingsForm settings={data.settings} onSaved={() => void refresh()} />
          <BackupRestoreForm />
        </>
      )}
    </section>
  );
}

/** never / failed / stale, and a folder that is not set: said first, as an alert. */
function BackupWarningNotice({ details }: { details: BackupDetails }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const lines: string[] = [];
  if (details.settings.folder === null) lines.push(t('backup.warnings.notConfigured'));
  if (details.warning === 'failed') {
    lines.push(
      t('backup.warnings.failed', { problem: t(problemKey(details.lastFailure?.errorCode ?? 'io_error')) }),
    );
  } else if (details.warning === 'never') {
    lines.push(t('backup.warnings.never'));
  } else if (details.warning === 'stale' && details.lastSuccess) {
    lines.push(t('backup.warnings.stale', { time: formatWhen(details.lastSuccess.at, i18n.language) }));
  }
  if (lines.length === 0) return null;
  return (
    <div role="alert" className="notice notice-problem" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('backup.warningTitle')}</h3>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </div>
  );
}

/** `fetchedAt`: when the core answered; a next run due by then happens at the core's next check. */
function BackupFacts({ details, fetchedAt }: { details: BackupDetails; fetchedAt: number }) {
  const { t, i18n } = useTranslation();
  const when = (at: number) => formatWhen(at, i18n.language);
  const last = details.lastSuccess;
  return (
    <dl className="facts facts-text" aria-label={t('backup.statusLabel')}>
      <dt>{t('backup.lastSuccess')}</dt>
      <dd>{last ? when(last.at) : t('backup.none')}</dd>
      {last && (
        <>
          <dt>{t('backup.file')}</dt>
          <dd>
            <code>{last.fileName}</code>
          </dd>
          <dt>{t('backup.size')}</dt>
          <dd>{formatBytes(last.sizeBytes, i18n.language)}</dd>
        </>
      )}
      <dt>{t('backup.folder')}</dt>
      <dd>
        {details.settings.folder === null ? (
          t('backup.notConfigured')
        ) : (
          <code>{details.settings.folder}</code>
        )}
      </dd>
      <dt>{t('backup.nextRun')}</dt>
      <dd>
        {details.nextRunAt === null
          ? t('backup.notConfigured')
          : details.nextRunAt <= fetchedAt
            ? t('backup.nextRunSoon')
            : when(details.nextRunAt)}
      </dd>
      {details.lastRestore && (
        <>
          <dt>{t('backup.lastRestore')}</dt>
          <dd>
            {t('backup.lastRestoreValue', {
              time: when(details.lastRestore.at),
              file: details.lastRestore.fileName ?? '',
            })}
          </dd>
        </>
      )}
    </dl>
  );
}

function RunAnswer({ answer }: { answer: BackupRunResult | null }) {
  const { t, i18n } = useTranslation();
  if (!answer) return null;
  if (answer.ok) {
    return (
      <p role="status" className="notice notice-ok">
        {t('backup.done', { file: answer.fileName, size: formatBytes(answer.sizeBytes, i18n.language) })}
      </p>
    );
  }
  return (
    <div role="alert" className="notice notice-problem">
      <p>{t(problemKey(answer.problem))}</p>
      <p className="detail">
        {t('backup.detail')} <code>{answer.detail}</code>
      </p>
    </div>
  );
}
