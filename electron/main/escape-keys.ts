/** The part of Electron's `Input` (before-input-event) the key filter reads. */
export interface KeyInput {
  type: string;
  key: string;
  code?: string;
  control: boolean;
  meta: boolean;
  alt: boolean;
  shift: boolean;
}

/** With Ctrl (or ⌘): close, quit, reload, new window or tab, print, minimise, hide, zoom. */
const WITH_MODIFIER = new Set(['w', 'q', 'r', 'n', 't', 'p', 'm', 'h', 's', 'o', '+', '=', '-', '_', '0']);
/** With Ctrl+Shift (or ⌘⇧): devtools, inspect, hard reload, reopen, sign-in windows. */
const WITH_MODIFIER_SHIFT = new Set(['i', 'j', 'c', 'r', 'q', 'w', 'n', 't', 'delete']);
/** On their own: reload, full screen, devtools, the browser's back and forward keys. */
const ALONE = new Set(['f5', 'f11', 'f12', 'browserback', 'browserforward', 'browserrefresh', 'browserhome']);

/**
 * The keys that would close, reload, zoom or leave the kiosk window, or open devtools. Typing,
 * Tab, arrows, Enter and Escape are the desk's own and pass. The key and the physical code are
 * both checked, so a keyboard layout that moves the letters does not let a shortcut through.
 */
export function isEscapeKey(input: KeyInput): boolean {
  if (input.type === 'keyUp') return false;
  const names = [input.key.toLowerCase(), codeName(input.code)];
  const modifier = input.control || input.meta;
  const has = (set: ReadonlySet<string>) => names.some((name) => name !== '' && set.has(name));
  if (names.includes('f4') && (input.alt || modifier)) return true;
  if (input.alt && (names.includes('arrowleft') || names.includes('arrowright') || names.includes('home')))
    return true;
  if (modifier && input.shift && has(WITH_MODIFIER_SHIFT)) return true;
  if (modifier && has(WITH_MODIFIER)) return true;
  if (modifier && names.includes('f5')) return true;
  return has(ALONE);
}

/** "KeyW" → "w", "Digit0" → "0", "Equal" → "=", "Minus" → "-", "F4" → "f4". */
function codeName(code: string | undefined): string {
  if (!code) return '';
  if (/^Key[A-Z]$/u.test(code)) return code.slice(3).toLowerCase();
  if (/^(Digit|Numpad)\d$/u.test(code)) return code.slice(-1);
  if (code === 'Equal' || code === 'NumpadAdd') return '=';
  if (code === 'Minus' || code === 'NumpadSubtract') return '-';
  return code.toLowerCase();
}
