import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './LanguageSwitch.js';
import { NetworkIndicator } from './NetworkIndicator.js';

export function AppHeader() {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-name">{t('app.name')}</span>
        <span className="brand-tagline">{t('app.tagline')}</span>
      </div>
      <NetworkIndicator />
      <LanguageSwitch />
    </header>
  );
}
