import { backupEn } from './backup.en.js';
import type { MessageCatalog } from './catalog.js';
import { recordsEn } from './records.en.js';
import { deskOpsEn } from './desk-ops.en.js';
import { supervisionEn } from './supervision.en.js';
import { qualityEn } from './quality.en.js';
import { validationEn } from './validation.en.js';

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
    database_foreign:
      'The data file belongs to another kiosk and was left untouched. A maintainer must confirm and adopt it with snowdesk adopt.',
    database_newer:
      'The data file comes from a newer version of Snowdesk. Install the latest version to use it.',
    database_error: 'The data file could not be opened. Please contact a maintainer.',
    folder: 'Data folder',
  },
  roles: {
    specialist: 'Specialist',
    lead: 'Team lead',
    manager: 'Manager',
    supervisor: 'Supervisor',
    maintainer: 'Maintainer',
  },
  fields: {
    name: 'Name',
    password: 'Password',
    repeatPassword: 'Repeat the password',
    currentPassword: 'Current password',
    newPassword: 'New password',
    repeatNewPassword: 'Repeat the new password',
    role: 'Role',
    firstPassword: 'First password',
    repeatFirstPassword: 'Repeat the first password',
    recoveryKey: 'Recovery key',
    maintainerName: 'Maintainer account name',
    group: 'Group {{n}}',
  },
  rules: {
    passwordTitle: 'Password rules',
    passwordLength:
      'At least {{min}} and at most {{max}} characters; Chinese, letters, digits and symbols all work',
    passwordNoName: 'Must not contain your name',
    passwordNoStaffName: 'Must not contain the staff member’s name',
    firstPassword:
      'A first password works for the first sign-in only: tell it to the person face to face; they must then choose their own',
    passwordNotSimple: 'Must not be a common password or repeated characters (such as 12345678 or aaaaaaaa)',
    passwordOwn: 'Your password is yours alone: never tell it to anyone or leave it on the desk',
    nameRule: 'Names have at most {{max}} characters: letters of any script, digits, spaces and . · - _',
  },
  errors: {
    checkFields: 'Some entries need changes: see the notes next to them.',
    wrong_credentials:
      'The name or the password is wrong. After 5 wrong passwords in a row the account is locked for a while.',
    wrongPassword:
      'The password is wrong. After 5 wrong passwords in a row the account is locked for a while.',
    wrongCurrentPassword:
      'The current password is wrong. After 5 wrong passwords in a row the account is locked for a while.',
    account_disabled: 'This account is disabled. Ask a maintainer if you think this is a mistake.',
    account_locked_out:
      'Too many wrong passwords: the account is locked for now. Try again after {{time}}, or ask a maintainer to reset the password.',
    lockoutCountdown: '{{countdown}} to wait',
    lockoutOver: 'The lock has expired; you can try again.',
    wrong_recovery_key:
      'This is not the recovery key of this kiosk. Use the key written down at this device’s first setup.',
    locked: 'The screen is locked; unlock it first.',
    not_signed_in: 'Please sign in first.',
    forbidden: 'Your account is not permitted to do this.',
    password_change_required: 'Choose your own password first.',
    storage_unavailable: 'Local data cannot be used. Please contact a maintainer.',
    disk_full:
      'The kiosk’s disk is full, so this was not saved; what was saved before is safe. Please ask a maintainer to free space, then try again.',
    storage_read_only:
      'The kiosk’s data folder can no longer be written, so this was not saved; what was saved before is safe. Please contact a maintainer.',
    conflict: 'This conflicts with the current state; refresh and try again.',
    not_found: 'What you acted on was not found; refresh and try again.',
    record_damaged:
      'The data of this record is damaged and cannot be opened. Please ask a maintainer to check it.',
    invalid_input: 'Some entries are not acceptable; check them and try again.',
    payload_too_large: 'Too much was entered; shorten it and try again.',
    unknown_method: 'The kiosk service does not support this; contact a maintainer.',
    protocol:
      'The kiosk service could not be reached. Try again; if it keeps happening, contact a maintainer.',
    internal:
      'The kiosk service hit an unexpected problem and did not complete the action. Try again; if it keeps happening, contact a maintainer.',
  },
  session: {
    label: 'Signed in',
    lock: 'Lock screen',
    switchUser: 'Switch user',
    signOut: 'Sign out',
    working: 'Please wait…',
  },
  setup: {
    title: 'First-time setup',
    step: 'Step {{step}} of 3',
    intro:
      'This kiosk has no accounts yet. Two people set it up together: the maintainer, and the first customer-service manager, who is certified by this setup and then certifies the other staff. Each types their own password.',
    create: 'Create both accounts',
    managerLegend: 'The first customer-service manager',
    managerIntro: 'The manager types their own password; the maintainer does not see it.',
    managerName: 'Manager’s name',
    managerPassword: 'Manager’s password',
    managerRepeat: 'Repeat the manager’s password',
    keyTitle: 'Recovery key',
    keyIntro:
      'This is the kiosk’s recovery key, shown only this once. If every password is lost, only this key can set a new maintainer password and get the kiosk’s data back.',
    keyWriteDown:
      'Write it on paper now (or print it), check it, and lock it away somewhere safe. Do not photograph it or keep it on a computer or phone.',
    keyNeverAgain: 'Once you leave or reload this page, the recovery key is never shown again.',
    keyGroups: 'Recovery key (14 groups)',
    print: 'Print the recovery key',
    written: 'I have written it down: next',
    confirmTitle: 'Confirm the recovery key',
    confirmIntro:
      'To make sure it was written down correctly, type {{groups}} of the recovery key from your paper (4 characters each).',
    confirmGroup: 'group {{n}}',
    confirm: 'Confirm',
    showAgain: 'Show the recovery key again',
    confirmed: 'The recovery key is confirmed. Keep it somewhere safe.',
  },
  signIn: {
    title: 'Sign in',
    intro: 'Enter your own name and password. Lock the screen or sign out whenever you leave the desk.',
    submit: 'Sign in',
    forgot: 'Maintainer forgot the password? Use the recovery key',
    switchTitle: 'Switch user',
    switchIntro: '{{name}}’s screen is locked. When you sign in, {{name}} is signed out.',
    back: 'Back to unlock',
  },
  recovery: {
    title: 'Reset the maintainer password with the recovery key',
    intro:
      'Enter the recovery key written down at first setup and choose a new password for the maintainer account. Case, spaces and dashes do not matter.',
    submit: 'Reset the password and sign in',
    back: 'Back to sign-in',
  },
  lock: {
    title: 'Screen locked',
    who: '{{name}} ({{role}}) is signed in',
    intro: 'Enter the password to unlock. A colleague can select “Switch user” to sign in.',
    unlock: 'Unlock',
    switchUser: 'Switch user',
  },
  changePassword: {
    title: 'Choose your own password',
    intro:
      '{{name}}, you signed in with a first password a maintainer set. Before you go on, choose a new password only you know.',
    submit: 'Save the new password',
  },
  home: {
    welcome: 'Hello, {{name}}',
    role: 'Your role: {{role}}',
    sections: {
      label: 'Sections',
      desk: 'Guest desk',
      team: 'Team today',
      quality: 'Quality',
      supervision: 'Sampling audit',
      complaints: 'Complaints',
      suggestions: 'Suggestions',
      staff: 'Certification and notice',
      maintenance: 'Upkeep',
    },
    practiceOnlyTitle: 'Practice mode only',
    practiceOnly:
      'You are not certified yet. Until a manager records that you passed training and the examination, you may use the practice mode only (the desk below works on practice data); practice data never mixes with real data and never syncs.',
    certified: 'You are certified and may enter real guest information.',
  },
  staff: {
    title: 'Staff accounts',
    intro:
      'Create an account of their own for every member of staff. The first password works for the first sign-in only: they must then choose their own.',
    listLabel: 'Staff account list',
    refresh: 'Refresh the list',
    loading: 'Reading the accounts…',
    empty: 'No accounts yet.',
    columns: {
      name: 'Name',
      role: 'Role',
      certified: 'Certified',
      status: 'Status',
      password: 'Password',
      lockedUntil: 'Locked until',
      actions: 'Actions',
    },
    certifiedYes: 'Certified',
    certifiedNo: 'Not certified',
    certifiedNotNeeded: 'Not needed',
    active: 'Active',
    disabled: 'Disabled',
    mustChange: 'Must choose own',
    ownPassword: 'Own password',
    notLocked: 'Not locked',
    you: ' (you)',
    disable: 'Disable',
    enable: 'Enable',
    resetPassword: 'Reset password',
    createTitle: 'New account',
    create: 'Create the account',
    created:
      'The account of {{name}} is created. Tell them the first password in person; they must choose their own at the first sign-in.',
    disabledDone: 'The account of {{name}} is disabled.',
    enabledDone: 'The account of {{name}} is enabled.',
    resetTitle: 'Reset the password of {{name}}',
    resetIntro:
      'Set a new first password. {{name}} must choose their own at the next sign-in; a lockout of the account ends too.',
    resetSubmit: 'Set the first password',
    resetDone: 'The password of {{name}} is reset. {{name}} must choose their own at the next sign-in.',
    cancel: 'Cancel',
  },
  consentNotice: {
    title: 'Consent notice for collecting personal information',
    intro:
      'Once published, every new entry uses the new notice; existing records keep the version the guest was told. A published version cannot be changed.',
    current: 'Current version: {{version}}',
    version: 'New version number',
    textZh: 'Notice (Chinese)',
    textEn: 'Notice (English)',
    publish: 'Publish new version',
    published: 'Consent notice version {{version}} published.',
  },
  certify: {
    title: 'Training certification',
    intro:
      'Record here that a member of staff passed training and the examination. Uncertified staff may use the practice mode only and cannot enter real guest information.',
    listLabel: 'Staff who need certification',
    empty: 'There are no accounts that need certification yet.',
    certify: 'Record as certified',
    withdraw: 'Withdraw certification',
    certifiedOn: 'Certified on {{date}}',
    certifiedDone: '{{name}} is recorded as certified.',
    withdrawnDone: 'The certification of {{name}} is withdrawn.',
  },
  errorBoundary: {
    title: 'Something went wrong on this screen',
    body: 'The screen hit an unexpected error and stopped what it was doing. Select “Reload” to continue; if it keeps happening, tell a maintainer.',
    reload: 'Reload',
  },
  sync: {
    title: 'Sync with the central system',
    online: 'Connected to the central system',
    offline: 'Not connected to the central system: this kiosk works offline and loses nothing',
    notEnrolled: 'This kiosk is not connected to a central system yet',
    states: {
      not_enrolled: 'Not set up',
      idle: 'Up to date',
      syncing: 'Syncing…',
      retrying: 'Cannot sync right now; it will try again by itself',
      stopped: 'Sync is paused: please contact a maintainer',
    },
    waiting: '{{count}} waiting to send',
    allSent: 'Everything sent',
    stuck_one: '{{count}} needs a maintainer',
    stuck_other: '{{count}} need a maintainer',
    inboxToOpen_one: '{{count}} online submission arrives at the next unlock',
    inboxToOpen_other: '{{count}} online submissions arrive at the next unlock',
    lastSuccess: 'Last sync: {{time}}',
    neverSynced: 'Never synced yet',
    nextAttempt: 'Tries again at {{time}}',
    lastError: 'Last problem: {{problem}}',
    clockSkew:
      'This kiosk’s clock is more than two minutes off the central system’s, so the two-hour countdowns of online submissions may be wrong. A maintainer should set the time.',
    problems: {
      offline:
        'Cannot reach the central system (the network is down or the central system is off). The desk keeps working; changes go out when it is back.',
      timeout: 'The central system is answering too slowly. The desk keeps working; it will try again.',
      central_busy:
        'The central system is busy and asked to wait. The desk keeps working; it will try again.',
      central_failed: 'The central system has a fault. The desk keeps working; it will try again.',
      bad_answer:
        'The central system sent an answer that cannot be understood; nothing was marked as sent. It will try again; if this goes on, contact a maintainer.',
      tls_untrusted:
        'The central system’s security certificate is not trusted (expired, for another address, or unknown). Contact a maintainer.',
      tls_pin_mismatch:
        'The central system’s certificate does not match the registered fingerprint, so sync stopped to be safe. Contact a maintainer.',
      token_rejected:
        'The central system does not accept this kiosk’s device token (wrong or revoked). A maintainer must connect the kiosk again.',
      not_enrolled_at_central:
        'The central system says this kiosk has not finished connecting. A maintainer must connect the kiosk again.',
      device_mismatch:
        'This device token belongs to another kiosk. A maintainer must use this kiosk’s own token.',
      enrolment_conflict:
        'This device token is already bound to another kiosk or key. Ask the central system for a new token.',
      central_key_mismatch:
        'The central system’s public key is not the one entered, so sync stopped rather than send data to the wrong system. A maintainer must check the key.',
      audit_rewind:
        'The central system found this kiosk’s audit history changed since it last reported, and refuses to sync. Tell a maintainer and a manager now.',
      protocol_mismatch:
        'The central system’s address or version is wrong, so sync cannot work. A maintainer must check the address.',
    },
    stuckReasons: {
      unsealable: 'The central system cannot open this item (sealed to the wrong key)',
      invalid_content: 'The content does not follow the interface contract',
      sealed_mismatch: 'The content does not match its label',
      key_reused: 'This item’s id was already used for other content',
      seq_conflict: 'Another item already holds this position of the record',
      record_conflict: 'The record belongs to another kiosk',
      gap_unrecoverable:
        'The central system lacks an earlier item of this record, and this kiosk cannot send it',
      too_large: 'Too large for the central system',
    },
  },
  maintainer: {
    quit: {
      title: 'Close Snowdesk',
      explain:
        'In kiosk mode the window cannot be closed with its button or a shortcut. Only a maintainer closes the program here, and it is recorded in the audit log.',
      open: 'Close Snowdesk…',
      confirmTitle: 'Close Snowdesk?',
      confirm:
        'Once closed, this kiosk serves no guests, and neither syncs nor backs up, until someone starts Snowdesk again.',
      confirmButton: 'Close now',
      cancel: 'Cancel',
      closing: 'Snowdesk is closing…',
    },
    rollback: {
      title: 'This database is older than this kiosk has seen',
      behind:
        'The audit log ends at entry {{head}}, but this kiosk had already recorded entry {{mark}}: the database was replaced by an older copy, or its audit log was cut. Erased guests may be back. Restore the latest verified backup, and find out who changed the data folder.',
      rewritten:
        'Entry {{mark}} of the audit log is not the one this kiosk recorded: the log was rewritten (now {{head}} entries). Restore the latest verified backup, and find out who changed the data folder.',
      central:
        'The central system keeps the newest audit head this kiosk sent: at the next sync it detects a history that does not continue it, and so catches what this kiosk cannot see for itself.',
    },
    views: {
      label: 'Maintenance',
      accounts: 'Staff accounts',
      device: 'This kiosk and the central system',
    },
    fields: {
      code: 'Enrolment code',
      url: 'Central system address',
      token: 'Device token',
      centralPublicKey: 'Central public key',
      tlsPins: 'Certificate fingerprints (optional)',
      deviceName: 'Name of this kiosk (optional)',
    },
    fieldProblems: {
      url: 'The address starts with https:// (http:// only for a test address on this machine) and has no ? or #',
      token:
        'A device token is 32 to 512 letters, digits or . _ ~ + / -; check it against what the central system gave you',
      centralPublicKey:
        'A public key is 44 characters ending in =; check it against what the central system gave you',
      tlsPins: 'A fingerprint is 64 hexadecimal digits (0–9, a–f); at most {{max}}, separated by spaces',
      deviceName: 'At most 80 characters',
    },
    enrol: {
      title: 'Connect to the central system',
      againTitle: 'Connect again',
      intro:
        'Paste the enrolment code the central system issued for this kiosk, or type its address, device token and public key. “Test connection” checks them first. What was entered before goes out once the kiosk is connected.',
      againIntro:
        'For a new central address or device token. Nothing waiting to be sent is lost; it goes out after connecting again.',
      how: 'How to connect',
      byCode: 'Paste an enrolment code',
      byValues: 'Type the values',
      codeHint:
        'One string starting with snowdesk-enrol:1:. It contains the device token: keep it safe, do not photograph or forward it.',
      codeAddress: 'This code connects to: {{url}}',
      urlHint: 'For example https://central.resort.example/snowdesk',
      tokenHint: 'The token the central system issued for this kiosk only',
      keyHint: 'The central system’s public key (44 characters); data is sealed to it',
      pinsHint: 'Only for a central system with a self-signed certificate; at most two, separated by spaces',
      deviceNameHint: 'How the central system shows this kiosk, for example “Front desk 1”',
      test: 'Test connection',
      submit: 'Connect',
      submitAgain: 'Connect again',
      done: 'Connected to the central system. Whatever waits goes out by itself.',
    },
    test: {
      ok: 'The connection works: the central system answered, and the address, token and key are right (protocol {{protocol}}).',
      tokenFree: 'This device token is not connected to any kiosk yet: it can be used for this one.',
      tokenThisKiosk: 'This device token is connected to this kiosk.',
      clockOk: 'This kiosk’s clock agrees with the central system.',
      clockOff: 'This kiosk’s clock is {{seconds}} seconds off the central system’s: set the time.',
    },
    problems: {
      offline:
        'Cannot reach the central system: wrong address, the network is down, or the central system is off. Check the address and the network.',
      timeout: 'The central system did not answer in time. Check the network and try again later.',
      central_busy: 'The central system is busy and asked to try again later.',
      central_failed: 'The central system has a fault (server error). Contact its administrator.',
      bad_answer: 'This address does not answer like a Snowdesk central system. Check the address.',
      tls_untrusted:
        'The central system’s certificate is not trusted (expired, for another address, or unknown). For a self-signed certificate, enter its fingerprint.',
      tls_pin_mismatch:
        'The central system’s certificate does not match the fingerprint entered. Check the fingerprint.',
      token_rejected:
        'Wrong device token: the central system does not know it, or it was revoked. Check the token, or ask the central system for a new one.',
      not_enrolled_at_central: 'The central system says this kiosk is not connected. Connect it again.',
      device_mismatch: 'This device token is already connected to another kiosk. Use this kiosk’s own token.',
      enrolment_conflict:
        'This device token is bound to another kiosk or key. Ask the central system for a new token.',
      central_key_mismatch:
        'Wrong public key: the central system presents another key than the one entered. Not connected, so no data goes to the wrong system. Check the key.',
      audit_rewind:
        'The central system found this kiosk’s audit history changed since it last reported, and refuses to sync. Tell a manager now.',
      protocol_mismatch:
        'This address is not a Snowdesk central system, or speaks an incompatible version. Check the address.',
    },
    detail: 'Technical detail (for the central system’s administrator):',
    sync: {
      refresh: 'Refresh',
      loading: 'Reading the sync status…',
      statusLabel: 'Sync status',
      state: 'State',
      connection: 'Connection',
      waiting: 'Waiting to send',
      stuck: 'Need attention',
      inboxToOpen: 'Online submissions to receive',
      lastSuccess: 'Last sync',
      nextAttempt: 'Next attempt',
      enrolmentTitle: 'Connection details',
      deviceName: 'Name of this kiosk',
      tlsPins: 'Certificate fingerprints',
      noPins: 'None (certificates the system trusts)',
      enrolledAt: 'Connected at',
      now: 'Sync now',
      nowStarted: 'Sync started.',
    },
    stuck: {
      title: 'Items that cannot go out by themselves',
      intro:
        'Items the central system refused, or online submissions that did not open. They are not retried by themselves: fix the cause first (for example check the key, or call the central system’s administrator), then send them again.',
      none: 'Nothing needs attention.',
      listLabel: 'Items that need attention',
      retry: 'Send again',
      retryAll: 'Send all again',
      retried: '{{count}} sent again.',
      columns: {
        item: 'Item',
        reason: 'Reason',
        since: 'Since',
        actions: 'Actions',
      },
      outboxItem: 'Outgoing: {{kind}} (change {{seq}})',
      inboxItem: 'Online submission ({{channel}})',
      kinds: {
        revision: 'record update',
        erasure: 'erasure',
      },
      channels: {
        website: 'website',
        wechat: 'WeChat',
        app: 'app',
      },
    },
    recovery: {
      title: 'Recovery key',
      warningTitle: 'The recovery key is not confirmed',
      warning:
        'This kiosk’s recovery key was never written down and confirmed. If every password is lost, nothing but the recovery key can bring the data back. Issue a new recovery key, write it down and confirm it; the old one stops working.',
      confirmed:
        'The recovery key is written down and confirmed. If it is lost, or someone who should not have seen it did, issue a new one; the old one stops working.',
      issue: 'Issue a new recovery key',
      passwordIntro:
        'For safety, enter your password again. The new recovery key is shown once: have paper and pen ready.',
      issueSubmit: 'Issue and show it',
      wrongPassword: 'The password is wrong; no new recovery key was issued.',
    },
    idleLock: 'The screen locks itself after {{minutes}} minutes without use.',
  },
  records: recordsEn,
  deskOps: deskOpsEn,
  supervision: supervisionEn,
  quality: qualityEn,
  backup: backupEn,
  validation: validationEn,
};
