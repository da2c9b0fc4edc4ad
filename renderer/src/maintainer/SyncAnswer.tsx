import { useTranslation } from 'react-i18next';
import type { SyncEnrolResult, SyncProblem, SyncTestResult } from '../../../shared/ipc/sync-schemas.js';

export type Answer = { kind: 'test'; result: SyncTestResult } | { kind: 'enrol'; result: SyncEnrolResult };

/** What the central system said to "test connection" or "enrol", in the maintainer's words (a done enrolment is said by the screen). */
export function SyncAnswer({ answer }: { answer: Answer | null }) {
  const { t } = useTranslation();
  if (!answer) return null;
  const { result } = answer;
  if (!result.ok) return <ProblemNotice problem={result.problem} detail={result.detail} />;
  if (answer.kind === 'enrol') return null;
  const test = answer.result;
  if (!test.ok) return null;
  const skewSeconds = Math.round(Math.abs(test.clockSkewMs) / 1000);
  return (
    <div role="status" className="notice notice-ok">
      <p>{t('maintainer.test.ok', { protocol: test.protocol })}</p>
      <p>
        {test.centralDeviceId === null ? t('maintainer.test.tokenFree') : t('maintainer.test.tokenThisKiosk')}
      </p>
      <p className={skewSeconds > 120 ? 'field-problem' : 'muted'}>
        {skewSeconds > 120
          ? t('maintainer.test.clockOff', { seconds: skewSeconds })
          : t('maintainer.test.clockOk')}
      </p>
    </div>
  );
}

/** A failed test or enrolment: the problem in words, the English detail for whoever helps. */
export function ProblemNotice({ problem, detail }: { problem: SyncProblem; detail: string | null }) {
  const { t } = useTranslation();
  return (
    <div role="alert" className="notice notice-problem">
      <p>{t(`maintainer.problems.${problem}`)}</p>
      {detail && (
        <p className="detail">
          {t('maintainer.detail')} <code>{detail}</code>
        </p>
      )}
    </div>
  );
}
