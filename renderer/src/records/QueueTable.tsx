import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../shared/ipc/record-schemas.js';
import { DeadlineBadge, useSecondTicks } from './Deadline.js';
import { RecordTags } from './RecordTags.js';

export interface QueueAction {
  label: string;
  run: () => void;
}

interface Props {
  title: string;
  /** the core's answer and when it came (the page's clock), undefined while it is on its way */
  queue: { items: readonly QueueItem[]; fetchedAt: number } | undefined;
  practice: boolean;
  action: (item: QueueItem, name: string) => QueueAction | null;
  showReviewer?: boolean;
}

/** A queue with its deadlines counting down; overdue rows stand out. */
export function QueueTable({ title, queue, practice, action, showReviewer = false }: Props) {
  const { t } = useTranslation();
  const now = useSecondTicks();
  const items = queue?.items;
  const fetchedAt = queue?.fetchedAt ?? now;
  return (
    <section className="panel panel-wide">
      <div className="table-scroll">
        <table className="queue-table">
          <caption>
            {title}
            {items ? `（${String(items.length)}）` : ''}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('records.queue.guest')}</th>
              <th scope="col">{t('records.queue.state')}</th>
              <th scope="col">{t('records.queue.channel')}</th>
              <th scope="col">{t('records.queue.entrant')}</th>
              {showReviewer && <th scope="col">{t('records.queue.reviewer')}</th>}
              <th scope="col">{t('records.queue.deadline')}</th>
              <th scope="col">{t('records.queue.action')}</th>
            </tr>
          </thead>
          <tbody>
            {items === undefined ? (
              <tr>
                <td colSpan={showReviewer ? 7 : 6}>{t('records.loading')}</td>
              </tr>
            ) : items.length === 0 ? (
              <tr>
                <td colSpan={showReviewer ? 7 : 6} className="muted">
                  {t('records.queue.empty')}
                </td>
              </tr>
            ) : (
              items.map((item) => {
                const name = item.guestName || t('records.queue.unnamed');
                const act = action(item, name);
                const overdue =
                  item.deadline !== null && item.deadline.remainingMs - Math.max(0, now - fetchedAt) < 0;
                return (
                  <tr key={item.recordId} className={overdue ? 'row-overdue' : undefined}>
                    <th scope="row">
                      {name}
                      <RecordTags
                        vip={item.vip}
                        doubtful={item.doubtful}
                        correction={item.correction}
                        erasurePending={item.erasurePending}
                        practice={practice}
                      />
                      {item.comments && item.comments.length > 0 && (
                        <span className="tag tag-doubt">
                          {t('records.queue.comments', { count: item.comments.length })}
                        </span>
                      )}
                    </th>
                    <td>{t(`records.state.${item.state}`)}</td>
                    <td>{item.channel ? t(`records.choice.channel.${item.channel}`) : '—'}</td>
                    <td>
                      {item.entrant?.name ??
                        (item.claimedBy ? t('records.queue.claimedBy', { name: item.claimedBy.name }) : '—')}
                      {item.contactAttempts !== undefined && item.contactAttempts > 0 && (
                        <span className="muted">
                          {' '}
                          · {t('records.queue.contactAttempts', { count: item.contactAttempts })}
                        </span>
                      )}
                    </td>
                    {showReviewer && <td>{item.assignedReviewer?.name ?? '—'}</td>}
                    <td>
                      <DeadlineBadge deadline={item.deadline} fetchedAt={fetchedAt} />
                    </td>
                    <td>
                      {act && (
                        <button type="button" onClick={act.run}>
                          {act.label}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
