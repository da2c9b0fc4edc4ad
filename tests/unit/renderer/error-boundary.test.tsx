import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../../renderer/src/ErrorBoundary.js';
import { initI18n, switchLanguage } from '../../../renderer/src/i18n.js';

function Exploding(): never {
  throw new Error('TypeError at renderer/src/GuestForm.tsx:42 guest 11010519491231002X');
}

beforeAll(async () => {
  await initI18n();
});

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe('ErrorBoundary', () => {
  it('shows a friendly message in zh-CN and never the error or a stack', async () => {
    await switchLanguage('zh-CN');
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { container } = render(
      <ErrorBoundary>
        <Exploding />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toHaveProperty('textContent');
    expect(screen.getByRole('heading', { name: '页面出现意外问题' })).toBeTruthy();
    expect(screen.getByRole('button', { name: '重新加载' })).toBeTruthy();
    expect(container.textContent).not.toMatch(/TypeError|GuestForm|1101051949|\.tsx/);
  });

  it('speaks English when asked', async () => {
    await switchLanguage('en');
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <ErrorBoundary>
        <Exploding />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
  });

  it('logs the error name only, not its message', async () => {
    await switchLanguage('en');
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    render(
      <ErrorBoundary>
        <Exploding />
      </ErrorBoundary>,
    );
    const ours = logged.mock.calls.filter((call) => call[0] === 'snowdesk renderer error');
    expect(ours.length).toBeGreaterThan(0);
    expect(JSON.stringify(ours)).not.toContain('1101051949');
  });

  it('renders its children when nothing fails', () => {
    render(
      <ErrorBoundary>
        <p>fine</p>
      </ErrorBoundary>,
    );
    expect(screen.getByText('fine')).toBeTruthy();
  });
});
