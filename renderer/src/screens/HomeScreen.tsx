import { useTranslation } from 'react-i18next';
import { roleAllows } from '../../../shared/domain/roles.js';
import type { SetupResult, StaffView } from '../../../shared/ipc/schemas.js';
import { ConsentNoticeEditor } from '../admin/ConsentNoticeEditor.js';
import { StaffCertification } from '../admin/StaffCertification.js';
import { MaintainerHome } from '../maintainer/MaintainerHome.js';
import { Desk } from '../records/Desk.js';
import { TeamDayPanel } from '../team/TeamDayPanel.js';
import { ComplaintsPanel } from '../complaints/ComplaintsPanel.js';
import { SuggestionsPanel } from '../suggestions/SuggestionsPanel.js';
import { SupervisionPanel } from '../supervision/SupervisionPanel.js';
import { QualityPanel } from '../quality/QualityPanel.js';

/** What each role sees after signing in: honest about what is not built yet. */
export function HomeScreen({
  staff,
  notice,
  onRecoveryKeyIssued,
}: {
  staff: StaffView;
  notice: string | null;
  /** the maintainer asked for a new recovery key: it is shown and confirmed as at first setup */
  onRecoveryKeyIssued: (result: SetupResult) => void;
}) {
  const { t } = useTranslation();
  const deskRole = roleAllows(staff.role, 'guest.enter', true);
  const manages = roleAllows(staff.role, 'device.admin', staff.certified);
  const certifies = roleAllows(staff.role, 'staff.certify', staff.certified);
  // the guest desk (issue 4): desk staff, and supervisors for search
  const desk = roleAllows(staff.role, 'guest.search', true);
  const coming = manages
    ? 'home.comingMaintainer'
    : certifies
      ? 'home.comingManager'
      : deskRole
        ? 'home.comingDesk'
        : 'home.comingSupervisor';
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
        {!desk && (
          <>
            <h2>{t('home.comingTitle')}</h2>
            <p>{t(coming)}</p>
          </>
        )}
      </section>
      {desk && <Desk staff={staff} />}
      {manages && <MaintainerHome self={staff} onRecoveryKeyIssued={onRecoveryKeyIssued} />}
      {certifies && <StaffCertification />}
      {roleAllows(staff.role, 'consent.edit', staff.certified) && <ConsentNoticeEditor />}
      {roleAllows(staff.role, 'team.dashboard', staff.certified) && <TeamDayPanel />}
      {(roleAllows(staff.role, 'complaint.record', staff.certified) ||
        roleAllows(staff.role, 'complaint.manage', staff.certified)) && <ComplaintsPanel staff={staff} />}
      {(roleAllows(staff.role, 'suggestion.send', staff.certified) ||
        roleAllows(staff.role, 'suggestion.read', staff.certified)) && <SuggestionsPanel staff={staff} />}
      {roleAllows(staff.role, 'audit.sample', staff.certified) && <SupervisionPanel />}
      <QualityPanel staff={staff} />
    </div>
  );
}
