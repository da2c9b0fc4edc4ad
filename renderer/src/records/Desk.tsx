import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffView } from '../../../shared/ipc/schemas.js';
import { callOrThrow } from '../snowdesk.js';
import type { DeskView } from './desk-view.js';
import { DeskHome } from './DeskHome.js';
import { IntakeForm } from './IntakeForm.js';
import { RecordView } from './RecordView.js';
import './records.css';
import { ReviewScreen } from './ReviewScreen.js';
import { SearchScreen } from './SearchScreen.js';
import { SelfReview } from './SelfReview.js';
import type { MessageKey } from '../i18n-types.js';

/**
 * The guest desk (issue 4) for specialists, leads and managers, and search for supervisors.
 * Uncertified desk staff get the same screens on the practice store, marked as such (R6): the
 * core decides that from its own session and says so in every answer.
 */
/**
 * Where the person was when the screen locked (the desk unmounts behind the lock screen): only
 * which screen and record id, never guest data, which the core keeps (drafts save themselves).
 */
let resume: { staffId: string; view: DeskView } | null = null;

export function Desk({ staff }: { staff: StaffView }) {
  const { t } = useTranslation();
  const [view, setView] = useState<DeskView>(() =>
    resume?.staffId === staff.id ? resume.view : { name: 'home' },
  );
  const [notice, setNotice] = useState<MessageKey | null>(null);
  const workspace = useQuery({
    queryKey: ['records.workspace'],
    queryFn: () => callOrThrow('records.workspace', {}),
  });
  const practice = workspace.data?.practice ?? false;

  function go(next: DeskView, message?: MessageKey): void {
    setNotice(message ?? null);
    setView(next);
    resume = { staffId: staff.id, view: next };
  }
  const home = (message?: MessageKey) => {
    go({ name: 'home' }, message);
  };

  let screen;
  switch (view.name) {
    case 'home':
      screen = <DeskHome staff={staff} practice={practice} go={go} />;
      break;
    case 'intake':
      screen = (
        <IntakeForm
          recordId={view.recordId}
          onSelfReview={() => {
            go({ name: 'self-review', recordId: view.recordId });
          }}
          onOpenRecord={(recordId) => {
            go({ name: 'record', recordId });
          }}
          onBack={() => {
            home();
          }}
          onDiscarded={() => {
            home('records.desk.draftDiscarded');
          }}
        />
      );
      break;
    case 'self-review':
      screen = (
        <SelfReview
          recordId={view.recordId}
          onEdit={() => {
            go({ name: 'intake', recordId: view.recordId });
          }}
          onSubmitted={() => {
            home('records.desk.submitted');
          }}
          onBack={() => {
            home();
          }}
        />
      );
      break;
    case 'review':
      screen = (
        <ReviewScreen
          staff={staff}
          recordId={view.recordId}
          stage={view.stage}
          onDone={home}
          onBack={() => {
            home();
          }}
        />
      );
      break;
    case 'record':
      screen = (
        <RecordView
          recordId={view.recordId}
          onNext={(next) => {
            if (next.to === 'intake') go({ name: 'intake', recordId: view.recordId });
            else if (next.to === 'review') go({ name: 'review', recordId: view.recordId, stage: next.stage });
            else home(next.notice);
          }}
          onBack={() => {
            home();
          }}
        />
      );
      break;
    case 'search':
      screen = (
        <SearchScreen
          onOpen={(recordId) => {
            go({ name: 'record', recordId });
          }}
          onBack={() => {
            home();
          }}
        />
      );
      break;
  }

  return (
    <div className="desk">
      {practice && (
        <p className="practice-banner" role="note">
          {t('records.practiceBanner')}
        </p>
      )}
      {notice && (
        <p role="status" className="notice notice-ok">
          {t(notice)}
        </p>
      )}
      {screen}
    </div>
  );
}
