import { useTranslation } from 'react-i18next';
import type { StaffView } from '../../../shared/ipc/schemas.js';

interface Props {
  staff: StaffView;
  /** a first password still to replace: signing out is the only other way */
  mustChangePassword: boolean;
  onLock: () => void;
  onSwitchUser: () => void;
  onSignOut: () => void;
}

/** Who is at the kiosk, in the header, with the ways to step away from it. */
export function SignedInAs({ staff, mustChangePassword, onLock, onSwitchUser, onSignOut }: Props) {
  const { t } = useTranslation();
  return (
    <div className="signed-in" role="group" aria-label={t('session.label')}>
      <span className="signed-in-who">
        <span className="signed-in-name">{staff.name}</span>
        <span className="role-badge">{t(`roles.${staff.role}`)}</span>
      </span>
      {!mustChangePassword && (
        <>
          <button type="button" onClick={onLock}>
            {t('session.lock')}
          </button>
          <button type="button" onClick={onSwitchUser}>
            {t('session.switchUser')}
          </button>
        </>
      )}
      <button type="button" onClick={onSignOut}>
        {t('session.signOut')}
      </button>
    </div>
  );
}
