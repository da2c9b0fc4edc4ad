import { useId, useRef, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, type Role } from '../../../shared/domain/roles.js';
import { STAFF_NAME_MAX } from '../../../shared/domain/staff-account-rules.js';
import type { StaffAccount } from '../../../shared/ipc/schemas.js';
import { passwordFormProblems } from '../forms/local-checks.js';
import { NewPasswordFields } from '../forms/NewPasswordFields.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { SelectField } from '../forms/SelectField.js';
import { TextField } from '../forms/TextField.js';
import { useWrite } from '../forms/use-write.js';

/** A new account with a first password the person replaces at their first sign-in. */
export function CreateStaffForm({ onCreated }: { onCreated: (account: StaffAccount) => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('specialist');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const nameRef = useRef<HTMLInputElement>(null);
  const { busy, refusal, write } = useWrite();

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const account = await write(
      'staff.create',
      { name, role, password },
      {
        check: passwordFormProblems({ name, password }, password, repeat),
        shown: {
          name: 'name',
          role: 'role',
          password: 'password',
        },
      },
    );
    if (!account) return;
    setName('');
    setPassword('');
    setRepeat('');
    onCreated(account);
    nameRef.current?.focus();
  }

  return (
    <section className="subpanel" aria-labelledby={titleId}>
      <h3 id={titleId}>{t('staff.createTitle')}</h3>
      <form noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
        <div className="form-row">
          <TextField
            label={t('fields.name')}
            hint={t('rules.nameRule', { max: STAFF_NAME_MAX })}
            value={name}
            onChange={setName}
            autoComplete="off"
            inputRef={nameRef}
            problem={refusal?.fields.name}
          />
          <SelectField
            label={t('fields.role')}
            value={role}
            options={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
            onChange={setRole}
            problem={refusal?.fields.role}
          />
        </div>
        <NewPasswordFields
          kind="someone-else"
          password={password}
          repeat={repeat}
          onPassword={setPassword}
          onRepeat={setRepeat}
          problems={{ password: refusal?.fields.password, repeat: refusal?.fields.repeat }}
        />
        <RefusalNotice refusal={refusal} />
        <div className="actions">
          <button type="submit" className="primary" aria-disabled={busy}>
            {t('staff.create')}
          </button>
        </div>
      </form>
    </section>
  );
}
