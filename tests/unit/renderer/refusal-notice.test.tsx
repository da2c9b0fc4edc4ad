import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Refusal } from '../../../renderer/src/forms/refusal.js';
import { RefusalNotice } from '../../../renderer/src/forms/RefusalNotice.js';
import { initI18n, switchLanguage } from '../../../renderer/src/i18n.js';
import { formatClockTime } from '../../../renderer/src/session/lockout-time.js';

const NOW = Date.parse('2026-11-23T02:03:01Z');
const RETRY_AT = NOW + 60_000;

beforeAll(async () => {
  await initI18n();
});

beforeEach(async () => {
  await switchLanguage('zh-CN');
  vi.useFakeTimers({ toFake: ['Date', 'setInterval', 'clearInterval'] });
  vi.setSystemTime(NOW);
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const lockout = (retryAt: number): Refusal => ({
  summary: { key: 'errors.account_locked_out' },
  fields: {},
  retryAt,
});

describe('RefusalNotice', () => {
  it('says when a locked-out account may try again, and counts down to it', () => {
    render(<RefusalNotice refusal={lockout(RETRY_AT)} />);
    const alert = screen.getByRole('alert');
    const time = formatClockTime(new Date(Date.parse('2026-11-23T02:05:00Z')), 'zh-CN');
    expect(alert.textContent).toContain(`请在 ${time} 之后再试`);
    expect(alert.textContent).toContain('还需等待 1:00');
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(alert.textContent).toContain('还需等待 0:30');
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(alert.textContent).toContain('锁定时间已过，可以再试。');
    expect(alert.textContent).toContain(`请在 ${time} 之后再试`);
  });

  it('gives only the clock time when its own clock is far from the core’s', () => {
    render(<RefusalNotice refusal={lockout(RETRY_AT + 5 * 60 * 60_000)} />);
    expect(screen.getByRole('alert').textContent).toContain('之后再试');
    expect(screen.getByRole('alert').textContent).not.toContain('还需等待');
  });

  it('shows a plain refusal, and nothing when there is none', () => {
    const { rerender, container } = render(<RefusalNotice refusal={null} />);
    expect(container.textContent).toBe('');
    rerender(<RefusalNotice refusal={{ summary: { key: 'errors.account_disabled' }, fields: {} }} />);
    expect(screen.getByRole('alert').textContent).toBe('此账户已停用。如有疑问，请联系系统维护人员。');
  });
});
