import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecordDetail } from '../../../shared/ipc/record-schemas.js';
import { useRecord } from './use-record.js';

/** Opens one record for a screen: loading, "not found" with a way back, or the screen itself. */
export function WithRecord({
  recordId,
  onBack,
  children,
}: {
  recordId: string;
  onBack: () => void;
  children: (detail: RecordDetail) => ReactNode;
}) {
  const { t } = useTranslation();
  const record = useRecord(recordId);
  if (record.isPending) return <p role="status">{t('records.loading')}</p>;
  if (record.isError) {
    return (
      <section className="panel panel-wide">
        <p role="alert">{t('errors.not_found')}</p>
        <button type="button" onClick={onBack}>
          {t('records.back')}
        </button>
      </section>
    );
  }
  return children(record.data.detail);
}
