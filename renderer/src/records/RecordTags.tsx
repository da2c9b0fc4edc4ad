import { useTranslation } from 'react-i18next';

interface Flags {
  vip: boolean;
  doubtful: boolean;
  correction?: boolean;
  erasurePending?: boolean;
  practice?: boolean;
}

/** VIP, in doubt, correction, erasure pending, practice: small tags after a guest's name. */
export function RecordTags({ vip, doubtful, correction, erasurePending, practice }: Flags) {
  const { t } = useTranslation();
  return (
    <>
      {vip && <span className="tag tag-vip">{t('records.flag.vip')}</span>}
      {doubtful && <span className="tag tag-doubt">{t('records.flag.doubtful')}</span>}
      {correction && <span className="tag">{t('records.queue.correction')}</span>}
      {erasurePending && <span className="tag tag-doubt">{t('records.flag.erasurePending')}</span>}
      {practice && <span className="tag tag-practice">{t('records.practiceTag')}</span>}
    </>
  );
}
