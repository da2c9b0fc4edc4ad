import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRollback } from '../../../shared/ipc/schemas.js';

/**
 * The store holds less of the audit chain than this kiosk has seen (an older copy of the
 * database, a cut or rewritten audit tail): said to the maintainer at every start until a
 * verified restore resets the mark. What the kiosk cannot see, the central side's held head
 * catches at the next sync.
 */
export function AuditRollbackNotice({ rollback }: { rollback: AuditRollback }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="panel panel-wide notice-warning" role="alert" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('maintainer.rollback.title')}</h2>
      <p>
        {t(rollback.problem === 'behind' ? 'maintainer.rollback.behind' : 'maintainer.rollback.rewritten', {
          mark: rollback.markSeq,
          head: rollback.headSeq,
        })}
      </p>
      <p>{t('maintainer.rollback.central')}</p>
    </section>
  );
}
