import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { say, refusalMessage } from '../forms/refusal.js';
import { api } from '../snowdesk.js';

/** Two steps, as nothing brings the typed values back. */
export function DiscardDraft({
  recordId,
  beforeDiscard,
  onDone,
}: {
  recordId: string;
  /** what must settle first (the intake's pending autosave) */
  beforeDiscard?: () => Promise<unknown>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  async function discard(): Promise<void> {
    await beforeDiscard?.();
    const result = await api().call('records.discardDraft', { recordId });
    if (result.ok) {
      onDone();
      return;
    }
    setProblem(say(t, refusalMessage(result.error)));
  }
  return (
    <div className="subpanel">
      <h2>{t('records.record.discardTitle')}</h2>
      <p>{t('records.record.discardExplain')}</p>
      {problem && (
        <p role="alert" className="notice notice-error">
          {problem}
        </p>
      )}
      {confirming ? (
        <div className="actions">
          <button type="button" className="danger" onClick={() => void discard()}>
            {t('records.record.discardConfirm')}
          </button>
          <button
            type="button"
            onClick={() => {
              setConfirming(false);
            }}
          >
            {t('records.record.discardCancel')}
          </button>
        </div>
      ) : (
        <button
          type="button"
          onClick={() => {
            setConfirming(true);
          }}
        >
          {t('records.record.discard')}
        </button>
      )}
    </div>
  );
}
