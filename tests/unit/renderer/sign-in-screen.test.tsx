import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render as renderBare, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../shared/ipc/errors.js';
import { initI18n, switchLanguage } from '../../../renderer/src/i18n.js';
import { SignInScreen } from '../../../renderer/src/screens/SignInScreen.js';

/** Stands in for the preload's bridge: answers session.signIn with the given results, in turn. */
function fakeBridge(answers: Result<unknown>[]) {
  const call = vi.fn<(method: string, input: unknown) => Promise<Result<unknown>>>(() =>
    Promise.resolve(answers.shift() ?? { ok: false, error: { code: 'internal', message: 'none left' } }),
  );
  Object.defineProperty(window, 'snowdesk', {
    value: { call, on: () => () => undefined },
    configurable: true,
  });
  return call;
}

/** The screen writes through useMutation, so it needs a query client as in main.tsx. */
function render(ui: ReactNode) {
  return renderBare(<QueryClientProvider client={new QueryClient()}>{ui}</QueryClientProvider>);
}

beforeAll(async () => {
  await initI18n();
  await switchLanguage('zh-CN');
});

afterEach(() => {
  cleanup();
});

function type(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

describe('SignInScreen', () => {
  it('names an empty field without asking the core', () => {
    const call = fakeBridge([]);
    render(<SignInScreen onSignedIn={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect(call).not.toHaveBeenCalled();
    expect(screen.getByLabelText('姓名').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByRole('alert').textContent).toContain('请看各项旁边的提示');
  });

  it('keeps the name, clears the password and puts the cursor back in it after a refusal', async () => {
    const call = fakeBridge([{ ok: false, error: { code: 'wrong_credentials', message: 'x' } }]);
    const onSignedIn = vi.fn();
    render(<SignInScreen onSignedIn={onSignedIn} />);
    type('姓名', 'Li Na');
    type('密码', 'wrong-pass-1');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    expect((await screen.findByRole('alert')).textContent).toContain('姓名或密码不正确');
    expect(call).toHaveBeenCalledWith('session.signIn', { name: 'Li Na', password: 'wrong-pass-1' });
    expect(screen.getByLabelText<HTMLInputElement>('姓名').value).toBe('Li Na');
    expect(screen.getByLabelText<HTMLInputElement>('密码').value).toBe('');
    expect(document.activeElement).toBe(screen.getByLabelText('密码'));
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('shows a name problem from the contract next to the name', async () => {
    fakeBridge([
      {
        ok: false,
        error: { code: 'invalid_input', message: 'x', fields: { name: 'account.name_characters' } },
      },
    ]);
    render(<SignInScreen onSignedIn={vi.fn()} />);
    type('姓名', 'Li <Na>');
    type('密码', 'whatever-123');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    await screen.findByRole('alert');
    const name = screen.getByLabelText('姓名');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    const described = (name.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent);
    expect(described).toContain('姓名只能包含文字、数字、空格和 . · - _');
  });

  it('hands the session over when the core lets the person in', async () => {
    const session = {
      status: 'signed-in',
      locked: false,
      mustChangePassword: true,
      staff: { id: 's1', name: 'Li Na', role: 'specialist', certified: false },
    } as const;
    fakeBridge([{ ok: true, value: session }]);
    const onSignedIn = vi.fn();
    render(<SignInScreen onSignedIn={onSignedIn} />);
    type('姓名', 'Li Na');
    type('密码', 'first-pass-li');
    fireEvent.click(screen.getByRole('button', { name: '登录' }));
    await vi.waitFor(() => {
      expect(onSignedIn).toHaveBeenCalledWith(session);
    });
  });
});
