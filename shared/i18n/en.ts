import type { MessageCatalog } from './catalog.js';

export const en: MessageCatalog = {
  app: {
    name: 'Snowdesk guest desk',
    tagline: 'Guest information entry and review',
  },
  language: {
    label: 'Language',
    'zh-CN': '中文',
    en: 'English',
  },
  network: {
    label: 'Network status',
    online: 'Online',
    offline: 'Offline',
    unknown: 'Network status unknown',
    central: {
      not_enrolled: 'Not connected to the central system',
      reachable: 'Central system connected',
      unreachable: 'Central system unreachable',
    },
  },
  device: {
    title: 'This kiosk',
    version: 'Software version',
    deviceId: 'Device ID',
    schema: 'Data schema version',
    storageReady: 'Local data storage is working',
    setupRequired: 'First-time setup is not done yet: a maintainer must create the administrator account.',
    setupDone: 'First-time setup is complete',
    loading: 'Reading the kiosk status…',
    unreachable: 'The kiosk service cannot be reached. Please contact a maintainer.',
  },
  storageProblem: {
    title: 'Local data cannot be used',
    data_dir_unwritable:
      'The data folder cannot be written. A maintainer should check the folder permissions or the disk.',
    database_invalid:
      'The data file is damaged or is not a Snowdesk database. It was not changed; a maintainer should restore from a backup.',
    database_newer:
      'The data file comes from a newer version of Snowdesk. Install the latest version to use it.',
    database_error: 'The data file could not be opened. Please contact a maintainer.',
    folder: 'Data folder',
  },
  errorBoundary: {
    title: 'Something went wrong on this screen',
    body: 'The screen hit an unexpected error and stopped what it was doing. Select “Reload” to continue; if it keeps happening, tell a maintainer.',
    reload: 'Reload',
  },
};
