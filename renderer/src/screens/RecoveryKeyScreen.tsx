import { useState } from 'react';
import type { PendingRecoveryKey } from '../session/kiosk-state.js';
import { RecoveryKeyConfirm } from '../setup/RecoveryKeyConfirm.js';
import { RecoveryKeyShown } from '../setup/RecoveryKeyShown.js';

/** Steps 2 and 3 of first run: show the key once, then have the asked groups typed back. */
export function RecoveryKeyScreen({
  pending,
  onConfirmed,
}: {
  pending: PendingRecoveryKey;
  onConfirmed: () => void;
}) {
  const [step, setStep] = useState<'show' | 'confirm'>('show');
  return (
    <div className="screen">
      {step === 'show' ? (
        <RecoveryKeyShown
          groups={pending.recoveryKey.split('-')}
          onWritten={() => {
            setStep('confirm');
          }}
        />
      ) : (
        <RecoveryKeyConfirm
          ask={pending.confirmGroups}
          onConfirmed={onConfirmed}
          onShowAgain={() => {
            setStep('show');
          }}
        />
      )}
    </div>
  );
}
