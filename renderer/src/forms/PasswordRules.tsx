import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_MAX, PASSWORD_MIN } from '../../../shared/domain/staff-account-rules.js';

/**
 * The rules of staff-account-rules.ts, said before anyone types, not after the core refuses.
 * `own`: the person chooses their own password (not a first password for someone else).
 */
export function PasswordRules({ own = true }: { own?: boolean }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="rules" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('rules.passwordTitle')}</h2>
      <ul>
        <li>{t('rules.passwordLength', { min: PASSWORD_MIN, max: PASSWORD_MAX })}</li>
        <li>{own ? t('rules.passwordNoName') : t('rules.passwordNoStaffName')}</li>
        <li>{t('rules.passwordNotSimple')}</li>
        <li>{own ? t('rules.passwordOwn') : t('rules.firstPassword')}</li>
      </ul>
    </section>
  );
}
