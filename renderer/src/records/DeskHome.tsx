import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAllows } from '../../../shared/domain/roles.js';
import type { MethodName } from '../../../shared/ipc/contract.js';
import type { Queue } from '../../../shared/ipc/record-schemas.js';
import type { StaffView } from '../../../shared/ipc/schemas.js';
import { api, callOrThrow } from '../snowdesk.js';
import { noteCoreTime } from './desk-clock.js';
import { ErasureQueue } from './ErasureQueue.js';
import { QueueTable } from './QueueTable.js';
import type { DeskView } from './desk-view.js';
import { refusalMessage, say } from '../forms/refusal.js';
import type { MessageKey } from '../i18n-types.js';

type QueueMethod = Extract<
  MethodName,
  'records.myQueue' | 'review.crossQueue' | 'review.finalQueue' | 'online.queue' | 'records.overview'
>;

function useQueue(method: QueueMethod, enabled: boolean) {
  return useQuery({
    queryKey: [method],
    queryFn: async (): Promise<Queue & { fetchedAt: number }> => {
      const queue = await callOrThrow(method, {});
      const first = queue.items.find((i) => i.deadline)?.deadline;
      if (first) noteCoreTime(first.dueAt - first.remainingMs);
      return { ...queue, fetchedAt: Date.now() };
    },
    enabled,
    staleTime: 0,
    refetchInterval: 30_000,
  });
}

interface Props {
  staff: StaffView;
  practice: boolean;
  go: (view: DeskView, notice?: MessageKey) => void;
}

/** The desk's start page: a new guest, search, and the queues this person works from. */
export function DeskHome({ staff, practice, go }: Props) {
  const { t } = useTranslation();
  // practice staff hold the capabilities in the practice store (R6): the certificate does not matter here
  const may = (capability: Parameters<typeof roleAllows>[1]) => roleAllows(staff.role, capability, true);
  const mine = useQueue('records.myQueue', may('guest.enter'));
  const cross = useQueue('review.crossQueue', may('review.cross'));
  const final = useQueue('review.finalQueue', may('review.final'));
  const online = useQueue('online.queue', may('online.claim'));
  const team = useQueue('records.overview', may('team.dashboard'));
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  async function newGuest(): Promise<void> {
    if (starting) return;
    setStarting(true);
    try {
      const result = await api().call('records.startIntake', { channel: 'on_site_face_to_face' });
      if (!result.ok) {
        setProblem(say(t, refusalMessage(result.error)));
        return;
      }
      noteCoreTime(result.value.savedAt);
      go({ name: 'intake', recordId: result.value.recordId });
    } finally {
      setStarting(false);
    }
  }

  async function claim(recordId: string): Promise<void> {
    const result = await api().call('online.claim', { recordId });
    if (!result.ok) {
      setProblem(say(t, refusalMessage(result.error)));
      void online.refetch();
      return;
    }
    go({ name: 'intake', recordId }, 'records.desk.claimed');
  }

  return (
    <>
      <div className="desk-actions">
        {may('guest.enter') && (
          <button type="button" disabled={starting} onClick={() => void newGuest()}>
            {t('records.desk.newGuest')}
          </button>
        )}
        {may('guest.search') && (
          <button
            type="button"
            className="secondary"
            onClick={() => {
              go({ name: 'search' });
            }}
          >
            {t('records.desk.search')}
          </button>
        )}
      </div>
      {problem && (
        <p role="alert" className="notice notice-problem">
          {problem}
        </p>
      )}
      {may('guest.enter') && (
        <QueueTable
          title={t('records.queue.mine')}
          queue={mine.data}
          practice={practice}
          action={(item, name) => ({
            label: t(item.state === 'returned' ? 'records.queue.fix' : 'records.queue.continue', { name }),
            run: () => {
              go({ name: 'intake', recordId: item.recordId });
            },
          })}
        />
      )}
      {may('review.cross') && (
        <QueueTable
          title={t('records.queue.cross')}
          queue={cross.data}
          practice={practice}
          showReviewer
          action={(item, name) => ({
            label: t('records.queue.review', { name }),
            run: () => {
              go({ name: 'review', recordId: item.recordId, stage: 'cross' });
            },
          })}
        />
      )}
      {may('review.final') && (
        <QueueTable
          title={t('records.queue.final')}
          queue={final.data}
          practice={practice}
          action={(item, name) => ({
            label: t('records.queue.review', { name }),
            run: () => {
              go({ name: 'review', recordId: item.recordId, stage: 'final' });
            },
          })}
        />
      )}
      {may('online.claim') && (
        <QueueTable
          title={t('records.queue.online')}
          queue={online.data}
          practice={practice}
          action={(item, name) =>
            item.claimedBy === null
              ? { label: t('records.queue.claim', { name }), run: () => void claim(item.recordId) }
              : item.claimedBy.id === staff.id
                ? {
                    label: t('records.queue.continue', { name }),
                    run: () => {
                      go({ name: 'intake', recordId: item.recordId });
                    },
                  }
                : null
          }
        />
      )}
      {may('team.dashboard') && (
        <QueueTable
          title={t('records.queue.team')}
          queue={team.data}
          practice={practice}
          showReviewer
          action={(item, name) => ({
            label: t('records.queue.open', { name }),
            run: () => {
              go({ name: 'record', recordId: item.recordId });
            },
          })}
        />
      )}
      {may('erasure.approve') && (
        <ErasureQueue
          onDone={(notice) => {
            go({ name: 'home' }, notice);
          }}
        />
      )}
    </>
  );
}
