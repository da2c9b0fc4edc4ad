import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAllows } from '../../../shared/domain/roles.js';
import type { SetupResult, StaffView } from '../../../shared/ipc/schemas.js';
import { ConsentNoticeEditor } from '../admin/ConsentNoticeEditor.js';
import { StaffCertification } from '../admin/StaffCertification.js';
import { ComplaintsPanel } from '../complaints/ComplaintsPanel.js';
import { MaintainerHome } from '../maintainer/MaintainerHome.js';
import { QualityPanel } from '../quality/QualityPanel.js';
import { Desk } from '../records/Desk.js';
import { SuggestionsPanel } from '../suggestions/SuggestionsPanel.js';
import { SupervisionPanel } from '../supervision/SupervisionPanel.js';
import { TeamDayPanel } from '../team/TeamDayPanel.js';
import { firstSection, homeSections, type HomeSection } from './home-sections.js';
import type { MessageKey } from '../i18n-types.js';

/**
 * What each role sees after signing in: one section at a time, chosen in the navigation, so a
 * manager's day (desk, team, complaints, certification ...) is not one endless page. The first
 * section of the role opens first (the desk for desk staff, upkeep for the maintainer).
 */
export function HomeScreen({
  staff,
  notice,
  onRecoveryKeyIssued,
}: {
  staff: StaffView;
  notice: MessageKey | null;
  /** the maintainer asked for a new recovery key: it is shown and confirmed as at first setup */
  onRecoveryKeyIssued: (result: SetupResult) => void;
}) {
  const { t } = useTranslation();
  const sections = homeSections(staff);
  const [chosen, setChosen] = useState<HomeSection>(() => firstSection(sections, staff));
  const section = sections.includes(chosen) ? chosen : firstSection(sections, staff);
  const deskRole = roleAllows(staff.role, 'guest.enter', true);
  return (
    <div className="screen screen-wide">
      {notice && (
        <p role="status" className="notice notice-ok">
          {t(notice)}
        </p>
      )}
      <section className="panel panel-wide" aria-labelledby="home-title">
        <h1 id="home-title">{t('home.welcome', { name: staff.name })}</h1>
        <p>{t('home.role', { role: t(`roles.${staff.role}`) })}</p>
        {deskRole && !staff.certified && (
          <section className="notice notice-warning" aria-labelledby="practice-only-title">
            <h2 id="practice-only-title">{t('home.practiceOnlyTitle')}</h2>
            <p>{t('home.practiceOnly')}</p>
          </section>
        )}
        {deskRole && staff.certified && <p className="ok">{t('home.certified')}</p>}
        {sections.length > 1 && (
          <nav className="view-switch home-sections" aria-label={t('home.sections.label')}>
            {sections.map((name) => (
              <button
                key={name}
                type="button"
                aria-current={section === name ? 'page' : undefined}
                onClick={() => {
                  setChosen(name);
                }}
              >
                {t(`home.sections.${name}`)}
              </button>
            ))}
          </nav>
        )}
      </section>
      {section === 'desk' && <Desk staff={staff} />}
      {section === 'team' && <TeamDayPanel />}
      {section === 'quality' && <QualityPanel staff={staff} />}
      {section === 'supervision' && <SupervisionPanel />}
      {section === 'complaints' && <ComplaintsPanel staff={staff} />}
      {section === 'suggestions' && <SuggestionsPanel staff={staff} />}
      {section === 'staff' && (
        <>
          {roleAllows(staff.role, 'staff.certify', true) && <StaffCertification />}
          {roleAllows(staff.role, 'consent.edit', true) && <ConsentNoticeEditor />}
        </>
      )}
      {section === 'maintenance' && <MaintainerHome self={staff} onRecoveryKeyIssued={onRecoveryKeyIssued} />}
    </div>
  );
}
