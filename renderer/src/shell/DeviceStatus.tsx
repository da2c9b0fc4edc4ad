import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../shared/ipc/schemas.js';

export function DeviceStatus({ info }: { info: AppInfo }) {
  const { t } = useTranslation();
  const { storage } = info;
  if (storage.state === 'unavailable') {
    return (
      <section className="panel panel-problem" role="alert" aria-labelledby="storage-problem-title">
        <h1 id="storage-problem-title">{t('storageProblem.title')}</h1>
        <p>{t(`storageProblem.${storage.problem.code}`)}</p>
        <p className="muted">
          {t('storageProblem.folder')}: <code>{storage.problem.dataDir}</code>
        </p>
      </section>
    );
  }
  return (
    <section className="panel" aria-labelledby="device-title">
      <h1 id="device-title">{t('device.title')}</h1>
      <p className="ok">{t('device.storageReady')}</p>
      <p>{info.setupRequired ? t('device.setupRequired') : t('device.setupDone')}</p>
      <dl className="facts">
        <dt>{t('device.deviceId')}</dt>
        <dd>{storage.deviceId}</dd>
        <dt>{t('device.schema')}</dt>
        <dd>{storage.schemaVersion}</dd>
        <dt>{t('device.version')}</dt>
        <dd>{info.version}</dd>
      </dl>
    </section>
  );
}
