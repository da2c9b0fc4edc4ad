import type { SessionState, StaffView } from '../../../shared/ipc/schemas.js';

export interface ActiveSession {
  staff: StaffView;
  locked: boolean;
  mustChangePassword: boolean;
}

/**
 * Who is at the kiosk, as the main process knows it. The renderer never says who it is:
 * permission checks read this and nothing the caller sends.
 */
export class SessionStore {
  private current: ActiveSession | null = null;
  private readonly listeners = new Set<(state: SessionState) => void>();

  get(): ActiveSession | null {
    return this.current;
  }

  view(): SessionState {
    const s = this.current;
    return s
      ? {
          status: 'signed-in',
          locked: s.locked,
          mustChangePassword: s.mustChangePassword,
          staff: { ...s.staff },
        }
      : { status: 'signed-out' };
  }

  set(session: ActiveSession | null): void {
    this.current = session ? { ...session, staff: { ...session.staff } } : null;
    const view = this.view();
    for (const listener of this.listeners) listener(view);
  }

  onChange(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
