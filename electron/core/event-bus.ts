import type { EventName, EventPayload } from '../../shared/ipc/contract.js';

export type EventListener = (event: EventName, payload: unknown) => void;

/** Core -> main -> renderer. Listeners are the Electron window or the Playwright page. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    for (const listener of this.listeners) listener(event, payload);
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
