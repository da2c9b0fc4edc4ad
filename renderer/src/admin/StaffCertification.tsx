import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAllows } from '../../../shared/domain/roles.js';
import type { StaffAccount } from '../../../shared/ipc/schemas.js';
import { describeRefusal, say, type Message, type Refusal } from '../forms/refusal.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { api } from '../snowdesk.js';
import { useStaffList } from './use-staff-list.js';

/** The manager records who passed training and the examination (R6), or withdraws it. */
export function StaffCertification() {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const { list, refresh, loadRefusal } = useStaffList();
  const [status, setStatus] = useState<Message | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);

  async function setCertified(account: StaffAccount, certified: boolean) {
    setStatus(null);
    setRefusal(null);
    const result = await api().call('staff.certify', { id: account.id, certified });
    if (!result.ok) {
      setRefusal(describeRefusal(result.error, {}));
      return;
    }
    setStatus({
      key: result.value.certified ? 'certify.certifiedDone' : 'certify.withdrawnDone',
      values: { name: result.value.name },
    });
    await refresh();
  }

  const desk = list.data?.filter((account) => roleAllows(account.role, 'guest.enter', true)) ?? [];
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });

  return (
    <section className="panel panel-wide" aria-labelledby={titleId}>
      <div className="panel-heading">
        <h2 id={titleId}>{t('certify.title')}</h2>
        <button type="button" onClick={() => void refresh()}>
          {t('staff.refresh')}
        </button>
      </div>
      <p>{t('certify.intro')}</p>
      <p role="status" className="status-line">
        {status ? say(t, status) : null}
      </p>
      <RefusalNotice refusal={refusal ?? loadRefusal} />
      {list.isPending && <p className="muted">{t('staff.loading')}</p>}
      {list.data && desk.length === 0 && <p>{t('certify.empty')}</p>}
      {desk.length > 0 && (
        <div className="table-scroll">
          <table className="staff-table" aria-label={t('certify.listLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('staff.columns.name')}</th>
                <th scope="col">{t('staff.columns.role')}</th>
                <th scope="col">{t('staff.columns.certified')}</th>
                <th scope="col">{t('staff.columns.status')}</th>
                <th scope="col">{t('staff.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {desk.map((account) => (
                <tr key={account.id} className={account.disabled ? 'row-disabled' : undefined}>
                  <th scope="row">{account.name}</th>
                  <td>{t(`roles.${account.role}`)}</td>
                  <td>
                    {account.certified && account.certifiedAt !== null
                      ? t('certify.certifiedOn', { date: date.format(account.certifiedAt) })
                      : t('staff.certifiedNo')}
                  </td>
                  <td>{account.disabled ? t('staff.disabled') : t('staff.active')}</td>
                  <td>
                    <div className="row-actions">
                      <button type="button" onClick={() => void setCertified(account, !account.certified)}>
                        {account.certified ? t('certify.withdraw') : t('certify.certify')}
                        <span className="visually-hidden"> {account.name}</span>
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
