import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.js';
import { SyncStatus } from './SyncStatus.js';

/**
 * `account`: who is signed in, when someone is and the screen is not locked; `warnings`: what that
 * person must not miss (the backup warning).
 */
export function AppHeader({ account, warnings }: { account?: ReactNode; warnings?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      <SyncStatus />
      {warnings}
      <LanguageSwitch />
      {account}
    </header>
  );
}
