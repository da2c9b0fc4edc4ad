import { useTranslation } from 'react-i18next';
import { PasswordRules } from './PasswordRules.js';
import type { Message } from './refusal.js';
import { TextField } from './TextField.js';
import type { MessageKey } from '../i18n-types.js';

/**
 * The rules, a new password and its repetition: what every form that sets a password asks.
 * - 'choose': a person picks their first password (setup);
 * - 'change': a person replaces their own (change, recovery);
 * - 'someone-else': a maintainer sets a first password another person must change.
 */
export type NewPasswordKind = 'choose' | 'change' | 'someone-else';

const LABELS: Record<NewPasswordKind, { password: MessageKey; repeat: MessageKey }> = {
  choose: { password: 'fields.password', repeat: 'fields.repeatPassword' },
  change: { password: 'fields.newPassword', repeat: 'fields.repeatNewPassword' },
  'someone-else': { password: 'fields.firstPassword', repeat: 'fields.repeatFirstPassword' },
};

export function NewPasswordFields(props: {
  kind: NewPasswordKind;
  password: string;
  repeat: string;
  onPassword: (value: string) => void;
  onRepeat: (value: string) => void;
  problems?: { password?: Message | undefined; repeat?: Message | undefined };
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const labels = LABELS[props.kind];
  const fields = (
    <>
      <TextField
        label={t(labels.password)}
        type="password"
        value={props.password}
        onChange={props.onPassword}
        autoComplete="new-password"
        autoFocus={props.autoFocus}
        problem={props.problems?.password}
      />
      <TextField
        label={t(labels.repeat)}
        type="password"
        value={props.repeat}
        onChange={props.onRepeat}
        autoComplete="new-password"
        problem={props.problems?.repeat}
      />
    </>
  );
  return (
    <>
      <PasswordRules own={props.kind !== 'someone-else'} />
      {props.kind === 'someone-else' ? <div className="form-row">{fields}</div> : fields}
    </>
  );
}
