import type { SyncEnrolInput } from '../../../shared/ipc/sync-schemas.js';
import { decodeEnrolmentCode } from '../../../shared/sync/enrolment-code.js';
import { SYNC_LIMITS } from '../../../shared/sync/protocol.js';
import { CentralUrl, DeviceName, DeviceToken, PublicKey, TlsPin } from '../../../shared/sync/wire.js';
import { problemMessage, type Message } from '../forms/refusal.js';

/** What the maintainer typed into the enrolment form, as typed. */
export interface EnrolmentDraft {
  mode: 'code' | 'manual';
  code: string;
  url: string;
  token: string;
  centralPublicKey: string;
  /** one pin a line; empty lines are ignored */
  tlsPins: string;
  deviceName: string;
}

export const EMPTY_DRAFT: EnrolmentDraft = {
  mode: 'code',
  code: '',
  url: '',
  token: '',
  centralPublicKey: '',
  tlsPins: '',
  deviceName: '',
};

export type DraftCheck = { ok: true; input: SyncEnrolInput } | { ok: false; fields: Record<string, Message> };

function pinsOf(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((pin) => pin.trim().toLowerCase().replace(/:/g, ''))
    .filter((pin) => pin !== '');
}

/**
 * The contract's own schemas, checked on the page: the core would refuse the same values, but
 * only as "invalid input" for the whole form (its input is a union), not next to the field.
 */
export function checkDraft(draft: EnrolmentDraft): DraftCheck {
  const fields: Record<string, Message> = {};
  const deviceName = draft.deviceName.trim();
  if (deviceName !== '' && !DeviceName.safeParse(deviceName).success) {
    fields.deviceName = { key: 'maintainer.fieldProblems.deviceName' };
  }
  if (draft.mode === 'code') {
    const code = draft.code.trim();
    if (code === '') fields.code = problemMessage('account.required');
    else {
      const decoded = decodeEnrolmentCode(code);
      if (!decoded.ok) fields.code = problemMessage(`enrolmentCode.${decoded.problem}`);
    }
    if (Object.keys(fields).length > 0) return { ok: false, fields };
    return { ok: true, input: { code, ...(deviceName ? { deviceName } : {}) } };
  }
  const url = draft.url.trim().replace(/\/+$/, '');
  const token = draft.token.trim();
  const centralPublicKey = draft.centralPublicKey.trim();
  const tlsPins = pinsOf(draft.tlsPins);
  if (url === '') fields.url = problemMessage('account.required');
  else if (!CentralUrl.safeParse(url).success) fields.url = { key: 'maintainer.fieldProblems.url' };
  if (token === '') fields.token = problemMessage('account.required');
  else if (!DeviceToken.safeParse(token).success) fields.token = { key: 'maintainer.fieldProblems.token' };
  if (centralPublicKey === '') fields.centralPublicKey = problemMessage('account.required');
  else if (!PublicKey.safeParse(centralPublicKey).success) {
    fields.centralPublicKey = { key: 'maintainer.fieldProblems.centralPublicKey' };
  }
  if (tlsPins.length > SYNC_LIMITS.maxTlsPins || tlsPins.some((pin) => !TlsPin.safeParse(pin).success)) {
    fields.tlsPins = { key: 'maintainer.fieldProblems.tlsPins', values: { max: SYNC_LIMITS.maxTlsPins } };
  }
  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return {
    ok: true,
    input: {
      url,
      token,
      centralPublicKey,
      ...(tlsPins.length > 0 ? { tlsPins } : {}),
      ...(deviceName ? { deviceName } : {}),
    },
  };
}

/** The address inside a pasted enrolment code, to show before anything is sent; never the token. */
export function codeAddress(code: string): string | null {
  const decoded = decodeEnrolmentCode(code);
  return decoded.ok ? decoded.content.url : null;
}
