import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BackupSettings } from '../../../shared/ipc/backup-schemas.js';
import { describeRefusal, say, type Message, type Refusal } from '../forms/refusal.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { TextField } from '../forms/TextField.js';
import { api } from '../snowdesk.js';
import { problemKey } from './backup-words.js';

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$/u;

interface Props {
  settings: BackupSettings;
  onSaved: (settings: BackupSettings) => void;
}

/**
 * Where, when and how long (R16): the folder (a full path; empty switches the daily backup off),
 * the daily time in China time and the days kept. The core proves the folder by writing to it.
 */
export function BackupSettingsForm({ settings, onSaved }: Props) {
  const { t } = useTranslation();
  const [folder, setFolder] = useState(settings.folder ?? '');
  const [time, setTime] = useState(settings.time);
  const [keepDays, setKeepDays] = useState(String(settings.keepDays));
  const [problems, setProblems] = useState<Record<string, Message>>({});
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    if (busy) return;
    setSaved(false);
    setRefusal(null);
    const days = Number(keepDays.trim());
    const local: Record<string, Message> = {};
    if (!TIME.test(time.trim())) local.time = { key: 'backup.settings.timeFormat' };
    if (!/^\d+$/u.test(keepDays.trim()) || days < 1 || days > 365)
      local.keepDays = { key: 'backup.settings.keepDaysRange' };
    setProblems(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const result = await api().call('backup.configure', {
        folder: folder.trim() === '' ? null : folder.trim(),
        time: time.trim(),
        keepDays: days,
      });
      if (!result.ok) {
        setRefusal(describeRefusal(result.error, {}));
      } else if (!result.value.ok) {
        setProblems({ folder: { key: problemKey(result.value.problem) } });
      } else {
        setSaved(true);
        onSaved(result.value.settings);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="subpanel" noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
      <h3>{t('backup.settings.title')}</h3>
      <TextField
        label={t('backup.settings.folder')}
        hint={t('backup.settings.folderHint')}
        value={folder}
        onChange={setFolder}
        spellCheck={false}
        maxLength={4096}
        problem={problems.folder}
      />
      <TextField
        label={t('backup.settings.time')}
        hint={t('backup.settings.timeHint')}
        value={time}
        onChange={setTime}
        maxLength={5}
        problem={problems.time}
      />
      <TextField
        label={t('backup.settings.keepDays')}
        hint={t('backup.settings.keepDaysHint')}
        value={keepDays}
        onChange={setKeepDays}
        maxLength={3}
        problem={problems.keepDays}
      />
      <RefusalNotice refusal={refusal} />
      <p role="status" className="status-line">
        {saved ? say(t, { key: 'backup.settings.saved' }) : null}
      </p>
      <div className="actions actions-start">
        <button type="submit" aria-disabled={busy}>
          {t('backup.settings.save')}
        </button>
      </div>
    </form>
  );
}
