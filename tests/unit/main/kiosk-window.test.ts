import { describe, expect, it } from 'vitest';
import { kioskWindowOptions } from '../../../electron/main/kiosk-window.js';

describe('the kiosk window', () => {
  const production = kioskWindowOptions({
    kiosk: true,
    preloadPath: '/app/out/preload/index.cjs',
    development: false,
  });

  // its isolation from Node and Electron, in every kind of window: window-guards.test.ts
  it('loads the preload it is given', () => {
    expect(production.webPreferences?.preload).toBe('/app/out/preload/index.cjs');
  });

  it('has no devtools in production and has them in development', () => {
    expect(production.webPreferences?.devTools).toBe(false);
    const dev = kioskWindowOptions({ kiosk: true, preloadPath: 'p', development: true });
    expect(dev.webPreferences?.devTools).toBe(true);
  });

  it('covers the screen in kiosk mode and is a normal window otherwise', () => {
    expect(production).toMatchObject({ kiosk: true, fullscreen: true });
    const windowed = kioskWindowOptions({ kiosk: false, preloadPath: 'p', development: false });
    expect(windowed).toMatchObject({ kiosk: false, fullscreen: false });
  });
});
