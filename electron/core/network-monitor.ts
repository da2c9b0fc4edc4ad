import type { NetworkStatus } from '../../shared/ipc/schemas.js';

/**
 * The desk's view of the network. The operating system's signal arrives from Electron's main
 * process (or the preview's launcher); the central system's reachability is set from real sync
 * requests once a device is enrolled.
 */
export class NetworkMonitor {
  private status: NetworkStatus = { os: 'unknown', central: 'not_enrolled' };

  constructor(private readonly onChange: (status: NetworkStatus) => void) {}

  get(): NetworkStatus {
    return { ...this.status };
  }

  setOsOnline(online: boolean | null): void {
    const os = online === null ? 'unknown' : online ? 'online' : 'offline';
    if (os === this.status.os) return;
    this.status = { ...this.status, os };
    this.onChange(this.get());
  }

  /** From the sync loop: whether the last real request reached the central system. */
  setCentral(central: NetworkStatus['central']): void {
    if (central === this.status.central) return;
    this.status = { ...this.status, central };
    this.onChange(this.get());
  }
}
