import { useTranslation } from 'react-i18next';

/**
 * Step 2: the recovery key, once, in groups a person can copy by hand. The page holds it only
 * in memory until it is confirmed, the screen locks, or someone signs out.
 */
export function RecoveryKeyShown({
  groups,
  onWritten,
}: {
  groups: readonly string[];
  onWritten: () => void;
}) {
  const { t } = useTranslation();
  return (
    <section className="panel panel-wide recovery-sheet" aria-labelledby="recovery-key-title">
      <p className="step">{t('setup.step', { step: 2 })}</p>
      <h1 id="recovery-key-title">{t('setup.keyTitle')}</h1>
      <p>{t('setup.keyIntro')}</p>
      <p className="notice notice-warning">{t('setup.keyWriteDown')}</p>
      <ol className="key-groups" aria-label={t('setup.keyGroups')}>
        {groups.map((group, index) => (
          <li key={index}>
            <span className="key-group-number" aria-hidden="true">
              {index + 1}
            </span>
            <code className="key-group">{group}</code>
          </li>
        ))}
      </ol>
      <p className="muted">{t('setup.keyNeverAgain')}</p>
      <div className="actions no-print">
        <button
          type="button"
          onClick={() => {
            window.print();
          }}
        >
          {t('setup.print')}
        </button>
        <button type="button" className="primary" autoFocus onClick={onWritten}>
          {t('setup.written')}
        </button>
      </div>
    </section>
  );
}
