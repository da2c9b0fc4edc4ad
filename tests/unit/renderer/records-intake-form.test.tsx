import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { GuestDraft } from '../../../shared/domain/guest-record.js';
import type { Result } from '../../../shared/ipc/errors.js';
import type { DraftSaved, RecordDetail } from '../../../shared/ipc/record-schemas.js';
import { initI18n, switchLanguage } from '../../../renderer/src/i18n.js';
import { IntakeForm } from '../../../renderer/src/records/IntakeForm.js';
import { AUTOSAVE_DELAY_MS } from '../../../renderer/src/records/use-autosave.js';

const RECORD_ID = '6f1c1d8e-6a55-4c4b-9a55-1d2f3e4a5b6c';
const NOW = Date.UTC(2026, 10, 23, 2, 0, 0);

function detail(draft: GuestDraft): RecordDetail {
  return {
    practice: false,
    recordId: RECORD_ID,
    revision: 1,
    inForceRevision: null,
    state: 'draft',
    channel: 'on_site_face_to_face',
    vip: false,
    doubtful: false,
    correction: false,
    correctionReason: null,
    draft,
    inForce: null,
    entrant: { id: 'a', name: 'Alice Li' },
    assignedReviewer: null,
    crossReviewer: null,
    finalReviewer: null,
    claimedBy: null,
    entryStartedAt: NOW,
    receivedAt: null,
    submittedAt: null,
    validAt: null,
    deadline: null,
    allowedActions: ['submit'],
    canEdit: true,
    missingRequired: [],
    rounds: [],
    contactAttempts: [],
    erasureRequest: null,
    erasedAt: null,
  };
}

function saved(): DraftSaved {
  return {
    practice: false,
    recordId: RECORD_ID,
    revision: 1,
    savedAt: NOW,
    changedFields: [],
    missingRequired: [],
    completeness: { filled: [], missing: [], share: 0 },
    deadline: null,
  };
}

/** The bridge: the record as the core has it, and every save answered. */
function fakeBridge(draft: GuestDraft) {
  const call = vi.fn<(method: string, input: unknown) => Promise<Result<unknown>>>((method) => {
    if (method === 'records.open') return Promise.resolve({ ok: true, value: detail(draft) });
    if (method === 'records.saveDraft') return Promise.resolve({ ok: true, value: saved() });
    if (method === 'consent.current')
      return Promise.resolve({
        ok: true,
        value: { version: '2026-10', text: { 'zh-CN': '告知书正文', en: 'Notice text' }, publishedAt: 0 },
      });
    if (method === 'records.checkDuplicates')
      return Promise.resolve({ ok: true, value: { practice: false, hits: [] } });
    return Promise.resolve({ ok: false, error: { code: 'internal', message: method } });
  });
  Object.defineProperty(window, 'snowdesk', {
    value: { call, on: () => () => undefined },
    configurable: true,
  });
  return call;
}

function saves(call: ReturnType<typeof fakeBridge>): unknown[] {
  return call.mock.calls.filter(([method]) => method === 'records.saveDraft').map(([, input]) => input);
}

async function renderForm(draft: GuestDraft = { channel: 'on_site_face_to_face' }) {
  const call = fakeBridge(draft);
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const onSelfReview = vi.fn();
  render(
    <QueryClientProvider client={client}>
      <IntakeForm
        recordId={RECORD_ID}
        onSelfReview={onSelfReview}
        onOpenRecord={vi.fn()}
        onBack={vi.fn()}
        onDiscarded={vi.fn()}
      />
    </QueryClientProvider>,
  );
  await screen.findByRole('heading', { name: /^客户信息登记/ });
  return { call, onSelfReview };
}

beforeAll(async () => {
  await initI18n();
  await switchLanguage('zh-CN');
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

describe('IntakeForm', () => {
  it('saves a moment after typing, never while an input method is composing', async () => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
    const { call } = await renderForm();
    const name = screen.getByLabelText('姓名');
    fireEvent.compositionStart(name);
    fireEvent.change(name, { target: { value: 'zhang' } });
    await act(async () => {
      await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS * 3);
    });
    expect(saves(call)).toEqual([]);
    fireEvent.change(name, { target: { value: '张' } });
    fireEvent.compositionEnd(name);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(AUTOSAVE_DELAY_MS + 50);
    });
    expect(saves(call)).toEqual([
      { recordId: RECORD_ID, draft: { channel: 'on_site_face_to_face', name: '张' } },
    ]);
    expect(await screen.findByRole('status')).toHaveProperty('textContent', '已保存 10:00:00');
  });

  it('Enter moves to the next field and submits nothing; not while composing', async () => {
    await renderForm();
    const name = screen.getByLabelText('姓名');
    name.focus();
    fireEvent.keyDown(name, { key: 'Enter', isComposing: true, keyCode: 229 });
    expect(document.activeElement).toBe(name);
    fireEvent.keyDown(name, { key: 'Enter' });
    expect(document.activeElement).toBe(screen.getByLabelText('证件类型'));
  });

  it('saves at once on blur and keeps what was typed when the value is wrong', async () => {
    const { call } = await renderForm({
      channel: 'on_site_face_to_face',
      idDocument: { type: 'resident_id' },
    });
    const number = screen.getByLabelText<HTMLInputElement>('证件号码');
    fireEvent.change(number, { target: { value: '110105198503121230' } });
    fireEvent.blur(number);
    await waitFor(() => {
      expect(saves(call)).toHaveLength(1);
    });
    expect(number.value).toBe('110105198503121230');
    expect(number.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText(/身份证号码校验位不正确/)).toBeTruthy();
    expect(call).toHaveBeenCalledWith('records.checkDuplicates', {
      recordId: RECORD_ID,
      idNumber: '110105198503121230',
    });
  });
});
