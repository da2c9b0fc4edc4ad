import type { BrowserWindow } from 'electron';
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { isEscapeKey, type KeyInput } from '../../../electron/main/escape-keys.js';
import { lockDownWindow } from '../../../electron/main/window-lockdown.js';

/**
 * The kiosk window's lockdown (window-lockdown.ts, escape-keys.ts), driven through event sources
 * standing in for Electron's BrowserWindow and webContents: the guards are listeners, and what is
 * under test is what they decide. Real Electron runs them in tests/electron/kiosk.spec.ts.
 */
function key(key: string, code: string, mods: Partial<KeyInput> = {}): KeyInput {
  return { type: 'keyDown', key, code, control: false, meta: false, alt: false, shift: false, ...mods };
}

interface Cancellable {
  defaultPrevented: boolean;
  preventDefault(): void;
}

function cancellable(): Cancellable {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

function lockedWindow(kiosk: boolean, quitAllowed = () => false) {
  const webContents = new EventEmitter();
  const fullScreen: boolean[] = [];
  const window = Object.assign(new EventEmitter(), {
    webContents,
    setFullScreen(on: boolean) {
      fullScreen.push(on);
    },
  });
  const recovered: string[] = [];
  lockDownWindow(window as unknown as BrowserWindow, {
    kiosk,
    quitAllowed,
    recover: (reason) => recovered.push(reason),
  });
  const press = (input: KeyInput) => {
    const event = cancellable();
    webContents.emit('before-input-event', event, input);
    return event.defaultPrevented;
  };
  const close = () => {
    const event = cancellable();
    window.emit('close', event);
    return event.defaultPrevented;
  };
  return { window, webContents, press, close, recovered, fullScreen };
}

const ESCAPES: [string, KeyInput][] = [
  ['Ctrl+W', key('w', 'KeyW', { control: true })],
  ['Ctrl+Q', key('q', 'KeyQ', { control: true })],
  ['Ctrl+R', key('r', 'KeyR', { control: true })],
  ['Ctrl+Shift+R', key('R', 'KeyR', { control: true, shift: true })],
  ['F5', key('F5', 'F5')],
  ['Alt+F4', key('F4', 'F4', { alt: true })],
  ['Ctrl+F4', key('F4', 'F4', { control: true })],
  ['F11', key('F11', 'F11')],
  ['Ctrl+M', key('m', 'KeyM', { control: true })],
  ['F12', key('F12', 'F12')],
  ['Ctrl+Shift+I', key('I', 'KeyI', { control: true, shift: true })],
  ['Ctrl+=', key('=', 'Equal', { control: true })],
  ['Ctrl+-', key('-', 'Minus', { control: true })],
  ['Ctrl+0', key('0', 'Digit0', { control: true })],
  ['Ctrl+N', key('n', 'KeyN', { control: true })],
  ['Ctrl+P', key('p', 'KeyP', { control: true })],
  ['⌘Q', key('q', 'KeyQ', { meta: true })],
  ['Alt+Left', key('ArrowLeft', 'ArrowLeft', { alt: true })],
  // a layout that moves the letters: the physical key still counts
  ['Ctrl+W on AZERTY', key('z', 'KeyW', { control: true })],
];

const DESK_KEYS: [string, KeyInput][] = [
  ['w', key('w', 'KeyW')],
  ['Shift+R', key('R', 'KeyR', { shift: true })],
  ['Tab', key('Tab', 'Tab')],
  ['Shift+Tab', key('Tab', 'Tab', { shift: true })],
  ['Enter', key('Enter', 'Enter')],
  ['Escape', key('Escape', 'Escape')],
  ['ArrowDown', key('ArrowDown', 'ArrowDown')],
  ['Ctrl+A', key('a', 'KeyA', { control: true })],
  ['Ctrl+C', key('c', 'KeyC', { control: true })],
  ['Ctrl+V', key('v', 'KeyV', { control: true })],
  ['Ctrl+Z', key('z', 'KeyZ', { control: true })],
  ['4', key('4', 'Digit4')],
];

describe('the escape-key filter', () => {
  it.each(ESCAPES)('stops %s', (_name, input) => {
    expect(isEscapeKey(input)).toBe(true);
  });

  it.each(DESK_KEYS)('lets %s through to the desk', (_name, input) => {
    expect(isEscapeKey(input)).toBe(false);
  });

  it('judges a key as it goes down, not as it comes up', () => {
    expect(isEscapeKey({ ...key('w', 'KeyW', { control: true }), type: 'keyUp' })).toBe(false);
  });
});

describe('the kiosk window lockdown', () => {
  it('refuses to close in kiosk mode until a maintainer has quit', () => {
    let quit = false;
    const locked = lockedWindow(true, () => quit);
    expect(locked.close()).toBe(true);
    quit = true;
    expect(locked.close()).toBe(false);
  });

  it('stops the escape keys before the page and Chromium see them in kiosk mode', () => {
    const locked = lockedWindow(true);
    expect(locked.press(key('w', 'KeyW', { control: true }))).toBe(true);
    expect(locked.press(key('F4', 'F4', { alt: true }))).toBe(true);
    expect(locked.press(key('r', 'KeyR', { control: true }))).toBe(true);
    expect(locked.press(key('a', 'KeyA'))).toBe(false);
  });

  it('takes full screen back when something else leaves it', () => {
    const locked = lockedWindow(true);
    locked.window.emit('leave-full-screen');
    expect(locked.fullScreen).toEqual([true]);
  });

  it('outside kiosk mode (a maintainer’s desktop) the window closes and the keys pass', () => {
    const open = lockedWindow(false);
    expect(open.close()).toBe(false);
    expect(open.press(key('w', 'KeyW', { control: true }))).toBe(false);
  });

  it('recovers a renderer that crashed or hangs, not one that exited cleanly', () => {
    const locked = lockedWindow(true);
    locked.webContents.emit('render-process-gone', {}, { reason: 'crashed' });
    locked.webContents.emit('render-process-gone', {}, { reason: 'clean-exit' });
    locked.window.emit('unresponsive');
    expect(locked.recovered).toEqual(['renderer crashed', 'renderer unresponsive']);
  });
});
