import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAllows } from '../../../shared/domain/roles.js';
import type { ComplaintSummary } from '../../../shared/ipc/complaint-schemas.js';
import type { StaffView } from '../../../shared/ipc/schemas.js';
import { formatDateTime } from '../records/display.js';
import { callOrThrow } from '../snowdesk.js';
import { formatAge } from '../team/age.js';
import '../team/desk-ops.css';
import { ComplaintDetailView } from './ComplaintDetailView.js';
import { RegisterComplaintForm } from './RegisterComplaintForm.js';

/**
 * Guest complaints (R27 客户反馈监督): desk staff register them; leads, managers and supervisors
 * assign, investigate and resolve them with the answer given to the guest. Suspected leaks are
 * listed first and announced until resolved.
 */
export function ComplaintsPanel({ staff }: { staff: StaffView }) {
  const { t } = useTranslation();
  const titleId = useId();
  const client = useQueryClient();
  const records = roleAllows(staff.role, 'complaint.record', staff.certified);
  const manages = roleAllows(staff.role, 'complaint.manage', staff.certified);
  const [selected, setSelected] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['complaints.list'], queryFn: () => callOrThrow('complaints.list', {}) });
  const refresh = () => client.invalidateQueries({ queryKey: ['complaints.list'] });

  return (
    <section className="panel panel-wide" aria-labelledby={titleId}>
      <div className="panel-heading">
        <h2 id={titleId}>{t('deskOps.complaints.title')}</h2>
        <button type="button" onClick={() => void refresh()}>
          {t('deskOps.refresh')}
        </button>
      </div>
      <p>{t('deskOps.complaints.intro')}</p>
      {list.data && list.data.openLeaks > 0 && (
        <p role="alert" className="notice notice-problem">
          <span aria-hidden="true">⚠ </span>
          {t('deskOps.complaints.leakAlert', { count: list.data.openLeaks })}
        </p>
      )}
      {records && <RegisterComplaintForm />}
      {list.data?.ownOnly && <p className="muted">{t('deskOps.complaints.ownOnly')}</p>}
      <ComplaintTable
        items={list.data?.items}
        selected={selected}
        onOpen={(id) => {
          setSelected(id);
        }}
      />
      {selected !== null && (
        <ComplaintDetailView
          key={selected}
          complaintId={selected}
          self={staff}
          manages={manages}
          onChanged={() => void refresh()}
          onClose={() => {
            setSelected(null);
          }}
        />
      )}
    </section>
  );
}

function ComplaintTable({
  items,
  selected,
  onOpen,
}: {
  items: readonly ComplaintSummary[] | undefined;
  selected: string | null;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="table-scroll">
      <table className="queue-table">
        <caption>
          {t('deskOps.complaints.list')}
          {items ? `（${String(items.length)}）` : ''}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('deskOps.complaints.number')}</th>
            <th scope="col">{t('deskOps.complaints.kind')}</th>
            <th scope="col">{t('deskOps.complaints.status')}</th>
            <th scope="col">{t('deskOps.complaints.registeredAt')}</th>
            <th scope="col">{t('deskOps.complaints.age')}</th>
            <th scope="col">{t('deskOps.complaints.assignedTo')}</th>
            <th scope="col">{t('deskOps.complaints.action')}</th>
          </tr>
        </thead>
        <tbody>
          {items === undefined ? (
            <tr>
              <td colSpan={7}>{t('deskOps.loading')}</td>
            </tr>
          ) : items.length === 0 ? (
            <tr>
              <td colSpan={7} className="muted">
                {t('deskOps.none')}
              </td>
            </tr>
          ) : (
            items.map((item) => (
              <tr
                key={item.id}
                className={[item.urgent ? 'row-overdue' : '', item.id === selected ? 'row-selected' : '']
                  .join(' ')
                  .trim()}
              >
                <th scope="row">{item.number}</th>
                <td>
                  {t(`deskOps.complaints.kinds.${item.kind}`)}
                  {item.urgent && (
                    <span className="tag tag-urgent">
                      <span aria-hidden="true">⚠ </span>
                      {t('deskOps.complaints.urgent')}
                    </span>
                  )}
                </td>
                <td>{t(`deskOps.complaints.statuses.${item.status}`)}</td>
                <td>{formatDateTime(item.registeredAt)}</td>
                <td>{formatAge(t, item.ageMs)}</td>
                <td>{item.assignedTo?.name ?? '—'}</td>
                <td>
                  <button
                    type="button"
                    onClick={() => {
                      onOpen(item.id);
                    }}
                  >
                    {t('deskOps.complaints.open', { number: item.number })}
                  </button>
                </td>
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
