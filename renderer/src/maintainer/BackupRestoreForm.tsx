import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ConfirmQuestion } from '../forms/ConfirmQuestion.js';
import { describeRefusal, type Refusal } from '../forms/refusal.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { TextField } from '../forms/TextField.js';
import { api } from '../snowdesk.js';
import { problemKey } from './backup-words.js';

type Failure = { problem: string; detail: string };

/**
 * Restore from a backup file with the recovery key, after a confirm step that says the current
 * data is kept aside and everyone is signed out. The core verifies the whole backup before it
 * touches anything; a refusal says why and that nothing changed. A restore that succeeds signs
 * everyone out, so the sign-in screen replaces this one.
 */
export function BackupRestoreForm() {
  const { t } = useTranslation();
  const titleId = useId();
  const [file, setFile] = useState('');
  const [recoveryKey, setRecoveryKey] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    setFailure(null);
    setRefusal(null);
    const incomplete = file.trim() === '' || recoveryKey.trim() === '';
    setMissing(incomplete);
    if (!incomplete) setConfirming(true);
  }

  async function restore() {
    if (busy) return;
    setBusy(true);
    try {
      const result = await api().call('backup.restore', {
        file: file.trim(),
        recoveryKey: recoveryKey.trim(),
      });
      if (!result.ok) setRefusal(describeRefusal(result.error, {}));
      else if (!result.value.ok) setFailure(result.value);
      else return;
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="subpanel" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('backup.restore.title')}</h3>
      <p>{t('backup.restore.intro')}</p>
      <form noValidate onSubmit={onSubmit}>
        <TextField
          label={t('backup.restore.file')}
          value={file}
          onChange={(value) => {
            setFile(value);
            setConfirming(false);
          }}
          spellCheck={false}
          maxLength={4096}
        />
        <TextField
          label={t('backup.restore.recoveryKey')}
          value={recoveryKey}
          onChange={(value) => {
            setRecoveryKey(value);
            setConfirming(false);
          }}
          autoComplete="off"
          spellCheck={false}
          maxLength={200}
        />
        {missing && (
          <p role="alert" className="field-problem">
            {t('backup.restore.required')}
          </p>
        )}
        {!confirming && (
          <div className="actions actions-start">
            <button type="submit">{t('backup.restore.next')}</button>
          </div>
        )}
      </form>
      {confirming && (
        <ConfirmQuestion
          title={t('backup.restore.confirmTitle')}
          text={t('backup.restore.confirm')}
          confirmLabel={t('backup.restore.confirmButton')}
          cancelLabel={t('backup.restore.cancel')}
          busy={busy}
          working={<p role="status">{t('backup.restore.working')}</p>}
          onConfirm={() => void restore()}
          onCancel={() => {
            setConfirming(false);
          }}
        />
      )}
      {failure && (
        <div role="alert" className="notice notice-problem">
          <p>{t('backup.restore.failed', { problem: t(problemKey(failure.problem)) })}</p>
          <p className="detail">
            {t('backup.detail')} <code>{failure.detail}</code>
          </p>
        </div>
      )}
      <RefusalNotice refusal={refusal} />
    </section>
  );
}
