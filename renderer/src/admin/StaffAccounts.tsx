import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAllows } from '../../../shared/domain/roles.js';
import type { StaffAccount, StaffView } from '../../../shared/ipc/schemas.js';
import { describeRefusal, say, type Message, type Refusal } from '../forms/refusal.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { formatClockTime, retryClockTime } from '../session/lockout-time.js';
import { api } from '../snowdesk.js';
import { CreateStaffForm } from './CreateStaffForm.js';
import { ResetPasswordForm } from './ResetPasswordForm.js';
import { useStaffList } from './use-staff-list.js';

/** The maintainer's accounts screen: list, create, disable or enable, reset a password. */
export function StaffAccounts({ self }: { self: StaffView }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const { list, refresh, loadRefusal } = useStaffList();
  const [status, setStatus] = useState<Message | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [resetting, setResetting] = useState<StaffAccount | null>(null);

  async function toggleDisabled(account: StaffAccount) {
    setStatus(null);
    setRefusal(null);
    const result = await api().call('staff.setDisabled', { id: account.id, disabled: !account.disabled });
    if (!result.ok) {
      setRefusal(describeRefusal(result.error, {}));
      return;
    }
    setStatus({
      key: result.value.disabled ? 'staff.disabledDone' : 'staff.enabledDone',
      values: { name: result.value.name },
    });
    await refresh();
  }

  return (
    <section className="panel panel-wide" aria-labelledby={titleId}>
      <div className="panel-heading">
        <h2 id={titleId}>{t('staff.title')}</h2>
        <button type="button" onClick={() => void refresh()}>
          {t('staff.refresh')}
        </button>
      </div>
      <p>{t('staff.intro')}</p>
      <p role="status" className="status-line">
        {status ? say(t, status) : null}
      </p>
      <RefusalNotice refusal={refusal ?? loadRefusal} />
      {list.isPending && <p className="muted">{t('staff.loading')}</p>}
      {list.data && list.data.length === 0 && <p>{t('staff.empty')}</p>}
      {list.data && list.data.length > 0 && (
        <div className="table-scroll">
          <table className="staff-table" aria-label={t('staff.listLabel')}>
            <thead>
              <tr>
                <th scope="col">{t('staff.columns.name')}</th>
                <th scope="col">{t('staff.columns.role')}</th>
                <th scope="col">{t('staff.columns.certified')}</th>
                <th scope="col">{t('staff.columns.status')}</th>
                <th scope="col">{t('staff.columns.password')}</th>
                <th scope="col">{t('staff.columns.lockedUntil')}</th>
                <th scope="col">{t('staff.columns.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.map((account) => {
                const isSelf = account.id === self.id;
                const needsCertificate = roleAllows(account.role, 'guest.enter', true);
                return (
                  <tr key={account.id} className={account.disabled ? 'row-disabled' : undefined}>
                    <th scope="row">
                      {account.name}
                      {isSelf && <span className="muted">{t('staff.you')}</span>}
                    </th>
                    <td>{t(`roles.${account.role}`)}</td>
                    <td>
                      {needsCertificate
                        ? account.certified
                          ? t('staff.certifiedYes')
                          : t('staff.certifiedNo')
                        : t('staff.certifiedNotNeeded')}
                    </td>
                    <td>{account.disabled ? t('staff.disabled') : t('staff.active')}</td>
                    <td>{account.mustChangePassword ? t('staff.mustChange') : t('staff.ownPassword')}</td>
                    <td>
                      {account.lockedUntil === null
                        ? t('staff.notLocked')
                        : formatClockTime(retryClockTime(account.lockedUntil), i18n.language)}
                    </td>
                    <td>
                      <div className="row-actions">
                        {!isSelf && (
                          <>
                            <button type="button" onClick={() => void toggleDisabled(account)}>
                              {account.disabled ? t('staff.enable') : t('staff.disable')}
                              <span className="visually-hidden"> {account.name}</span>
                            </button>
                            <button
                              type="button"
                              onClick={() => {
                                setStatus(null);
                                setResetting(account);
                              }}
                            >
                              {t('staff.resetPassword')}
                              <span className="visually-hidden"> {account.name}</span>
                            </button>
                          </>
                        )}
                      </div>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {resetting && (
        <ResetPasswordForm
          key={resetting.id}
          account={resetting}
          onCancel={() => {
            setResetting(null);
          }}
          onDone={(account) => {
            setResetting(null);
            setStatus({ key: 'staff.resetDone', values: { name: account.name } });
            void refresh();
          }}
        />
      )}
      <CreateStaffForm
        onCreated={(account) => {
          setStatus({ key: 'staff.created', values: { name: account.name } });
          void refresh();
        }}
      />
    </section>
  );
}
