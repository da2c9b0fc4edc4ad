import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetupResult } from '../../../shared/ipc/schemas.js';
import { missing } from '../forms/local-checks.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { TextField } from '../forms/TextField.js';
import { useWrite } from '../forms/use-write.js';

interface Props {
  confirmed: boolean;
  /** the new key goes to the same two steps as at first setup: shown once, then typed back */
  onIssued: (result: SetupResult) => void;
}

/**
 * The recovery key, for the maintainer: a warning while no key has been typed back (first setup
 * left unfinished, or a new key never confirmed), and a new key on demand (lost, or seen by the
 * wrong person). The maintainer re-enters their password: an unattended unlocked kiosk is not
 * enough to mint a key worth the whole store.
 */
export function RecoveryKeyStatus({ confirmed, onIssued }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  const { busy, refusal, setRefusal, write } = useWrite();

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const result = await write(
      'setup.reissueRecoveryKey',
      { password },
      {
        check: missing({ password }),
        shown: { password: 'password' },
        wording: { wrong_credentials: { key: 'maintainer.recovery.wrongPassword' } },
      },
    );
    setPassword('');
    if (result) onIssued(result);
  }

  return (
    <section
      className={confirmed ? 'panel panel-wide' : 'panel panel-wide notice-warning'}
      aria-labelledby={titleId}
    >
      <h2 id={titleId}>
        {confirmed ? t('maintainer.recovery.title') : t('maintainer.recovery.warningTitle')}
      </h2>
      <p>{confirmed ? t('maintainer.recovery.confirmed') : t('maintainer.recovery.warning')}</p>
      {!asking ? (
        <div className="actions actions-start">
          <button
            type="button"
            className={confirmed ? undefined : 'primary'}
            onClick={() => {
              setAsking(true);
            }}
          >
            {t('maintainer.recovery.issue')}
          </button>
        </div>
      ) : (
        <form className="subpanel" noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
          <p>{t('maintainer.recovery.passwordIntro')}</p>
          <TextField
            label={t('fields.password')}
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="current-password"
            autoFocus
            problem={refusal?.fields.password}
          />
          <RefusalNotice refusal={refusal} />
          <div className="actions">
            <button
              type="button"
              onClick={() => {
                setAsking(false);
                setPassword('');
                setRefusal(null);
              }}
            >
              {t('staff.cancel')}
            </button>
            <button type="submit" className="primary" aria-disabled={busy}>
              {t('maintainer.recovery.issueSubmit')}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
