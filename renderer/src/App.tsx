import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { switchLanguage } from './i18n.js';
import { AppHeader } from './shell/AppHeader.js';
import { DeviceStatus } from './shell/DeviceStatus.js';
import { callOrThrow } from './snowdesk.js';

export function App() {
  const { t } = useTranslation();
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => callOrThrow('app.info', {}) });
  const languageApplied = useRef(false);

  // the device's language applies once at start; a person's switch afterwards wins
  useEffect(() => {
    if (!info.data || languageApplied.current) return;
    languageApplied.current = true;
    void switchLanguage(info.data.defaultLanguage);
  }, [info.data]);

  return (
    <div className="app">
      <AppHeader />
      <main className="content">
        {info.isPending && <p role="status">{t('device.loading')}</p>}
        {info.isError && (
          <p role="alert" className="panel panel-problem">
            {t('device.unreachable')}
          </p>
        )}
        {info.data && <DeviceStatus info={info.data} />}
      </main>
    </div>
  );
}
