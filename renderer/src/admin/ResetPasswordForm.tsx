import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffAccount } from '../../../shared/ipc/schemas.js';
import { passwordFormProblems } from '../forms/local-checks.js';
import { NewPasswordFields } from '../forms/NewPasswordFields.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { useWrite } from '../forms/use-write.js';

interface Props {
  account: StaffAccount;
  onDone: (account: StaffAccount) => void;
  onCancel: () => void;
}

/** A new first password for someone who lost theirs; they replace it at the next sign-in. */
export function ResetPasswordForm({ account, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const { busy, refusal, write } = useWrite();

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const result = await write(
      'staff.resetPassword',
      { id: account.id, password },
      {
        check: passwordFormProblems({ password }, password, repeat),
        shown: {
          password: 'password',
        },
      },
    );
    if (result) onDone(result);
  }

  return (
    <section className="subpanel subpanel-focus" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('staff.resetTitle', { name: account.name })}</h3>
      <p>{t('staff.resetIntro', { name: account.name })}</p>
      <form noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
        <NewPasswordFields
          kind="someone-else"
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
          problems={{ password: refusal?.fields.password, repeat: refusal?.fields.repeat }}
          autoFocus
        />
        <RefusalNotice refusal={refusal} />
        <div className="actions">
          <button type="button" onClick={onCancel}>
            {t('staff.cancel')}
          </button>
          <button type="submit" className="primary" aria-disabled={busy}>
            {t('staff.resetSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
