import { useTranslation } from 'react-i18next';
import { RegisterComplaintForm } from './RegisterComplaintForm.js';

/**
 * On a record's page: register a guest's complaint about that record (R27), folded away until
 * needed. Real records only: the practice store's records are nobody's, and complaints are real.
 */
export function RecordComplaint({ recordId }: { recordId: string }) {
  const { t } = useTranslation();
  return (
    <details className="subpanel">
      <summary>{t('deskOps.complaints.fromRecord')}</summary>
      <RegisterComplaintForm recordId={recordId} />
    </details>
  );
}
