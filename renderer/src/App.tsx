import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, SessionState, SetupResult } from '../../shared/ipc/schemas.js';
import { switchLanguage } from './i18n.js';
import { ChangePasswordScreen } from './screens/ChangePasswordScreen.js';
import { FirstSetupScreen } from './screens/FirstSetupScreen.js';
import { HomeScreen } from './screens/HomeScreen.js';
import { LockScreen } from './screens/LockScreen.js';
import { RecoveryKeyScreen } from './screens/RecoveryKeyScreen.js';
import { RecoveryResetScreen } from './screens/RecoveryResetScreen.js';
import { SignInScreen } from './screens/SignInScreen.js';
import { screenFor, type Screen } from './session/route.js';
import { useActivityReporter } from './session/use-activity-reporter.js';
import { useKioskState, type KioskHandle } from './session/use-kiosk-state.js';
import { AppHeader } from './shell/AppHeader.js';
import { BackupWarning } from './shell/BackupWarning.js';
import { DeviceStatus } from './shell/DeviceStatus.js';
import { SignedInAs } from './shell/SignedInAs.js';
import { api, callOrThrow } from './snowdesk.js';

export function App() {
  const client = useQueryClient();
  const info = useQuery({ queryKey: ['app.info'], queryFn: () => callOrThrow('app.info', {}) });
  const kiosk = useKioskState();
  const { state, applySession, dispatch } = kiosk;
  const languageApplied = useRef(false);

  // the device's language applies once at start; a person's switch afterwards wins
  useEffect(() => {
    if (!info.data || languageApplied.current) return;
    languageApplied.current = true;
    void switchLanguage(info.data.defaultLanguage);
  }, [info.data]);

  const session = state.session;
  const open = session?.status === 'signed-in' && !session.locked;
  useActivityReporter(open);

  const screen = screenFor(info.data, info.isError, state);

  async function sessionCall(method: 'session.lock' | 'session.signOut'): Promise<boolean> {
    const result = await api().call(method, {});
    if (result.ok) applySession(result.value);
    return result.ok;
  }

  const account =
    session?.status === 'signed-in' && !session.locked && screen.name !== 'recovery-key' ? (
      <SignedInAs
        staff={session.staff}
        mustChangePassword={session.mustChangePassword}
        onLock={() => void sessionCall('session.lock')}
        onSwitchUser={() => {
          void sessionCall('session.lock').then((locked) => {
            if (locked) dispatch({ type: 'switch-user' });
          });
        }}
        onSignOut={() => void sessionCall('session.signOut')}
      />
    ) : null;

  function onSetupCreated(result: SetupResult) {
    client.setQueryData<AppInfo>(
      ['app.info'],
      (previous) => previous && { ...previous, setupRequired: false },
    );
    dispatch({ type: 'setup-created', result });
  }

  // a re-issued recovery key takes the same two steps as the first one; app.info follows
  function onRecoveryKeyIssued(result: SetupResult) {
    setRecoveryKeyConfirmed(false);
    dispatch({ type: 'setup-created', result });
  }

  function onRecoveryKeyConfirmed() {
    setRecoveryKeyConfirmed(true);
    dispatch({ type: 'recovery-key-confirmed' });
  }

  function setRecoveryKeyConfirmed(confirmed: boolean) {
    client.setQueryData<AppInfo>(
      ['app.info'],
      (previous) => previous && { ...previous, recoveryKeyConfirmed: confirmed },
    );
  }

  return (
    <div className="app">
      <AppHeader
        account={account}
        warnings={account && session?.status === 'signed-in' ? <BackupWarning staff={session.staff} /> : null}
      />
      <main className="content">
        <ScreenView
          screen={screen}
          kiosk={kiosk}
          onSetupCreated={onSetupCreated}
          onRecoveryKeyIssued={onRecoveryKeyIssued}
          onRecoveryKeyConfirmed={onRecoveryKeyConfirmed}
          onSignOut={() => void sessionCall('session.signOut')}
        />
      </main>
    </div>
  );
}

interface ScreenViewProps {
  screen: Screen;
  kiosk: KioskHandle;
  onSetupCreated: (result: SetupResult) => void;
  onRecoveryKeyIssued: (result: SetupResult) => void;
  onRecoveryKeyConfirmed: () => void;
  onSignOut: () => void;
}

/** The state-driven switch: one screen at a time, and nothing of the others on the page. */
function ScreenView({
  screen,
  kiosk,
  onSetupCreated,
  onRecoveryKeyIssued,
  onRecoveryKeyConfirmed,
  onSignOut,
}: ScreenViewProps) {
  const { t } = useTranslation();
  const { applySession, dispatch } = kiosk;
  const signedIn = (session: SessionState) => {
    applySession(session);
  };
  switch (screen.name) {
    case 'loading':
      return <p role="status">{t('device.loading')}</p>;
    case 'unreachable':
      return (
        <p role="alert" className="panel panel-problem">
          {t('device.unreachable')}
        </p>
      );
    case 'storage-problem':
      return <DeviceStatus info={screen.info} />;
    case 'first-setup':
      return <FirstSetupScreen info={screen.info} onCreated={onSetupCreated} />;
    case 'recovery-key':
      return <RecoveryKeyScreen pending={screen.pending} onConfirmed={onRecoveryKeyConfirmed} />;
    case 'sign-in':
      return (
        <SignInScreen
          onSignedIn={signedIn}
          onForgot={() => {
            dispatch({ type: 'forgot-password' });
          }}
        />
      );
    case 'recovery-reset':
      return (
        <RecoveryResetScreen
          onSignedIn={signedIn}
          onBack={() => {
            dispatch({ type: 'back-to-sign-in' });
          }}
        />
      );
    case 'lock':
      return (
        <LockScreen
          key={screen.staff.id}
          staff={screen.staff}
          onUnlocked={signedIn}
          onSwitchUser={() => {
            dispatch({ type: 'switch-user' });
          }}
        />
      );
    case 'switch-user':
      return (
        <SignInScreen
          key="switch-user"
          switchingFrom={screen.staff}
          onSignedIn={signedIn}
          onBack={() => {
            dispatch({ type: 'back-to-unlock' });
          }}
        />
      );
    case 'change-password':
      return <ChangePasswordScreen staff={screen.staff} onChanged={signedIn} onSignOut={onSignOut} />;
    case 'home':
      return (
        <HomeScreen
          key={screen.staff.id}
          staff={screen.staff}
          notice={kiosk.state.notice}
          onRecoveryKeyIssued={onRecoveryKeyIssued}
        />
      );
  }
}
