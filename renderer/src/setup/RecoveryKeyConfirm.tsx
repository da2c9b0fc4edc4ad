import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage, type Message } from '../forms/refusal.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { TextField } from '../forms/TextField.js';
import { useWrite } from '../forms/use-write.js';

interface Props {
  /** 1-based groups the core asks for */
  ask: readonly number[];
  onConfirmed: () => void;
  onShowAgain: () => void;
}

/** Step 3: the person types back the groups the core chose, from their paper. */
export function RecoveryKeyConfirm({ ask, onConfirmed, onShowAgain }: Props) {
  const { t, i18n } = useTranslation();
  const [typed, setTyped] = useState<Record<string, string>>(() =>
    Object.fromEntries(ask.map((n) => [String(n), ''])),
  );
  const { busy, refusal, write } = useWrite();

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const empty: Record<string, Message> = {};
    for (const n of ask)
      if ((typed[String(n)] ?? '').trim() === '') empty[String(n)] = problemMessage('account.required');
    // the core answers {"3": "mismatch"}; the page's own check would say "groups.3"
    const shown = Object.fromEntries(
      ask.flatMap((n) => [
        [String(n), String(n)],
        [`groups.${n}`, String(n)],
      ]),
    );
    const result = await write('setup.confirmRecoveryKey', { groups: typed }, { check: empty, shown: shown });
    if (result) onConfirmed();
  }

  return (
    <section className="panel panel-wide" aria-labelledby="recovery-confirm-title">
      <p className="step">{t('setup.step', { step: 3 })}</p>
      <h1 id="recovery-confirm-title">{t('setup.confirmTitle')}</h1>
      <p>
        {t('setup.confirmIntro', {
          groups: listOf(
            ask.map((n) => t('setup.confirmGroup', { n })),
            i18n.language,
          ),
        })}
      </p>
      <form noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
        <div className="key-inputs">
          {ask.map((n, index) => (
            <TextField
              key={n}
              label={t('fields.group', { n })}
              className="key-input"
              value={typed[String(n)] ?? ''}
              maxLength={16}
              spellCheck={false}
              autoComplete="off"
              autoFocus={index === 0}
              onChange={(value) => {
                setTyped((previous) => ({ ...previous, [String(n)]: value }));
              }}
              problem={refusal?.fields[String(n)]}
            />
          ))}
        </div>
        <RefusalNotice refusal={refusal} />
        <div className="actions">
          <button type="button" onClick={onShowAgain}>
            {t('setup.showAgain')}
          </button>
          <button type="submit" className="primary" aria-disabled={busy}>
            {t('setup.confirm')}
          </button>
        </div>
      </form>
    </section>
  );
}

/** "第 3 组和第 11 组", "group 3 and group 11" */
function listOf(items: string[], language: string): string {
  return new Intl.ListFormat(language, { type: 'conjunction' }).format(items);
}
