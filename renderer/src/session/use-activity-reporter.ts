import { useEffect } from 'react';
import { api } from '../snowdesk.js';
import { ACTIVITY_INTERVAL_MS, createThrottle } from './activity-throttle.js';

/**
 * Tells the core someone is using the kiosk (a key, a tap, a click), so its idle timer does
 * not lock the screen under their hands. Only while a session is open: a locked screen is
 * unlocked with a password, not by pressing keys.
 */
export function useActivityReporter(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const allowed = createThrottle(ACTIVITY_INTERVAL_MS);
    const report = () => {
      if (!allowed(performance.now())) return;
      // a refusal here means the session ended meanwhile; session.changed says so
      void api().call('session.activity', {});
    };
    const options = { capture: true, passive: true } as const;
    window.addEventListener('keydown', report, options);
    window.addEventListener('pointerdown', report, options);
    return () => {
      window.removeEventListener('keydown', report, options);
      window.removeEventListener('pointerdown', report, options);
    };
  }, [active]);
}
