import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { STAFF_NAME_MAX } from '../../../shared/domain/staff-account-rules.js';
import type { AppInfo, SetupResult } from '../../../shared/ipc/schemas.js';
import { missing, repeatProblem } from '../forms/local-checks.js';
import { NewPasswordFields } from '../forms/NewPasswordFields.js';
import { localRefusal } from '../forms/refusal.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { TextField } from '../forms/TextField.js';
import { useCoreSubmit } from '../forms/use-core-submit.js';
import { DeviceStatus } from '../shell/DeviceStatus.js';
import { api } from '../snowdesk.js';

/**
 * Step 1 of first run, both people at the kiosk: the maintainer's account and the first
 * manager's, each typing their own password; the core certifies that manager by this act.
 * Steps 2 and 3 are RecoveryKeyScreen.
 */
export function FirstSetupScreen({
  info,
  onCreated,
}: {
  info: AppInfo;
  onCreated: (result: SetupResult) => void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [managerName, setManagerName] = useState('');
  const [managerPassword, setManagerPassword] = useState('');
  const [managerRepeat, setManagerRepeat] = useState('');
  const { busy, refusal, setRefusal, submit } = useCoreSubmit();

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    const local = missing({ name, password, repeat, managerName, managerPassword, managerRepeat });
    const mismatch = repeatProblem(password, repeat);
    if (mismatch) local.repeat = mismatch;
    const managerMismatch = repeatProblem(managerPassword, managerRepeat);
    if (managerMismatch) local.managerRepeat = managerMismatch;
    const refusedHere = localRefusal(local);
    if (refusedHere) {
      setRefusal(refusedHere);
      return;
    }
    const result = await submit(
      () =>
        api().call('setup.create', {
          name,
          password,
          manager: { name: managerName, password: managerPassword },
        }),
      {
        name: 'name',
        password: 'password',
        'manager.name': 'managerName',
        'manager.password': 'managerPassword',
      },
    );
    if (result) onCreated(result);
  }

  return (
    <div className="screen screen-with-aside">
      <section className="panel" aria-labelledby="setup-title">
        <p className="step">{t('setup.step', { step: 1 })}</p>
        <h1 id="setup-title">{t('setup.title')}</h1>
        <p>{t('setup.intro')}</p>
        <form noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
          <TextField
            label={t('fields.name')}
            hint={t('rules.nameRule', { max: STAFF_NAME_MAX })}
            value={name}
            onChange={setName}
            autoComplete="username"
            autoFocus
            problem={refusal?.fields.name}
          />
          <NewPasswordFields
            kind="choose"
            password={password}
            repeat={repeat}
            onPassword={setPassword}
            onRepeat={setRepeat}
            problems={{ password: refusal?.fields.password, repeat: refusal?.fields.repeat }}
          />
          <fieldset>
            <legend>{t('setup.managerLegend')}</legend>
            <p>{t('setup.managerIntro')}</p>
            <TextField
              label={t('setup.managerName')}
              hint={t('rules.nameRule', { max: STAFF_NAME_MAX })}
              value={managerName}
              onChange={setManagerName}
              autoComplete="off"
              problem={refusal?.fields.managerName}
            />
            <TextField
              label={t('setup.managerPassword')}
              type="password"
              value={managerPassword}
              onChange={setManagerPassword}
              autoComplete="new-password"
              problem={refusal?.fields.managerPassword}
            />
            <TextField
              label={t('setup.managerRepeat')}
              type="password"
              value={managerRepeat}
              onChange={setManagerRepeat}
              autoComplete="new-password"
              problem={refusal?.fields.managerRepeat}
            />
          </fieldset>
          <RefusalNotice refusal={refusal} />
          <div className="actions">
            <button type="submit" className="primary" aria-disabled={busy}>
              {t('setup.create')}
            </button>
          </div>
        </form>
      </section>
      <aside>
        <DeviceStatus info={info} />
      </aside>
    </div>
  );
}
