import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { QueueItem } from '../../../shared/ipc/record-schemas.js';
import { initI18n, switchLanguage } from '../../../renderer/src/i18n.js';
import { QueueTable, ROW_ESTIMATE_PX } from '../../../renderer/src/records/QueueTable.js';

/**
 * The virtualised queue (issue 7): a 10k-row queue is one accessible table whose DOM holds only
 * a window of rows. jsdom has no layout, so the scroll box reports a 400 px view and each row
 * the table's estimate (what Chromium would measure); scrolling sets scrollTop and fires 'scroll' as a browser does.
 */

const VIEW_PX = 400;
/** the table's first guess too, so offsets here are exact */
const ROW_PX = ROW_ESTIMATE_PX;
const TOTAL = 10_000;
const NOW = Date.UTC(2026, 10, 23, 2, 0, 0);

function item(index: number): QueueItem {
  return {
    recordId: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`,
    revision: 1,
    state: 'draft',
    channel: 'online_wechat',
    vip: false,
    doubtful: false,
    guestName: `客户${String(index)}`,
    correction: false,
    entrant: null,
    assignedReviewer: null,
    claimedBy: null,
    entryStartedAt: NOW,
    receivedAt: NOW,
    submittedAt: null,
    deadline: null,
    erasurePending: false,
    contactAttempts: 0,
  };
}

const ITEMS = Array.from({ length: TOTAL }, (_, i) => item(i));

const restore: (() => void)[] = [];
/** Replaces (or adds: jsdom has no Element.scrollTo) a prototype's property for this file. */
function stub(target: object, key: string, descriptor: PropertyDescriptor): void {
  const previous = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { configurable: true, ...descriptor });
  restore.push(() => {
    if (previous) Object.defineProperty(target, key, previous);
    else Reflect.deleteProperty(target, key);
  });
}

beforeAll(async () => {
  await initI18n();
  await switchLanguage('zh-CN');
  const isScrollBox = (el: Element) => el.classList.contains('queue-scroll');
  stub(Element.prototype, 'clientHeight', {
    get(this: Element) {
      return isScrollBox(this) ? VIEW_PX : 0;
    },
  });
  // the box's content: rendered rows and the spacers that stand for the rest
  stub(Element.prototype, 'scrollHeight', {
    get(this: Element) {
      if (!isScrollBox(this)) return 0;
      return Array.from(this.querySelectorAll<HTMLElement>('tbody tr')).reduce(
        (sum, tr) =>
          sum +
          (tr.classList.contains('queue-spacer')
            ? parseFloat(tr.querySelector('td')?.style.height ?? '0')
            : ROW_PX),
        0,
      );
    },
  });
  stub(Element.prototype, 'clientWidth', {
    get(this: Element) {
      return isScrollBox(this) ? 1000 : 0;
    },
  });
  stub(HTMLElement.prototype, 'offsetHeight', {
    get(this: HTMLElement) {
      return this instanceof HTMLTableRowElement ? ROW_PX : isScrollBox(this) ? VIEW_PX : 0;
    },
  });
  // a scroll position jsdom keeps, and scrollTo that moves it and says so, as a browser does
  const positions = new WeakMap<Element, number>();
  stub(Element.prototype, 'scrollTop', {
    get(this: Element) {
      return positions.get(this) ?? 0;
    },
    set(this: Element, value: number) {
      positions.set(this, value);
    },
  });
  stub(Element.prototype, 'scrollTo', {
    value(this: Element, options: ScrollToOptions) {
      this.scrollTop = options.top ?? this.scrollTop;
      this.dispatchEvent(new Event('scroll'));
    },
  });
});

afterAll(() => {
  for (const undo of restore.reverse()) undo();
});

afterEach(() => {
  cleanup();
});

function renderQueue(run = vi.fn()) {
  render(
    <QueueTable
      title="线上提交"
      queue={{ items: ITEMS, fetchedAt: NOW }}
      practice={false}
      action={(queued, name) => ({
        label: `领取 ${name}`,
        run: () => {
          run(queued.recordId);
        },
      })}
    />,
  );
  const table = screen.getByRole('table', { name: /^线上提交/ });
  const scrollBox = table.parentElement;
  if (!scrollBox) throw new Error('the table has no scroll box');
  return { table, scrollBox, run };
}

/** The data rows the accessibility tree has (spacer rows are hidden from it). */
function dataRows(table: HTMLElement): HTMLElement[] {
  return within(table)
    .getAllByRole('row')
    .filter((row) => row.closest('tbody'));
}

describe('QueueTable with 10k rows', () => {
  it('is one table of 10,001 rows for assistive technology, with a window of them in the DOM', () => {
    const { table } = renderQueue();
    expect(table.getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));
    expect(table.querySelector('caption')?.textContent).toBe('线上提交（10000）');
    const header = within(table).getAllByRole('row')[0];
    expect(header?.getAttribute('aria-rowindex')).toBe('1');
    expect(
      within(header ?? table)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toContain('操作');

    const rows = dataRows(table);
    expect(rows.length).toBeGreaterThan(VIEW_PX / ROW_PX - 1);
    expect(rows.length).toBeLessThan(40);
    expect(rows[0]?.getAttribute('aria-rowindex')).toBe('2');
    expect(rows[0]).toHaveProperty('textContent', expect.stringContaining('客户0'));
    expect(table.querySelectorAll('tbody tr').length).toBeLessThan(45);
    // the spacer after the window stands for the rest of the queue
    const spacers = table.querySelectorAll<HTMLElement>('tr.queue-spacer td');
    expect(Array.from(spacers).map((td) => parseFloat(td.style.height))).toEqual([
      expect.any(Number) as number,
    ]);
    expect(parseFloat(spacers[0]?.style.height ?? '0')).toBeGreaterThan((TOTAL - 40) * ROW_PX);
  });

  it('renders the rows of wherever it is scrolled to, numbered by their place in the queue', () => {
    const { table, scrollBox } = renderQueue();
    act(() => {
      scrollBox.scrollTo({ top: 5_000 * ROW_PX });
    });
    const rows = dataRows(table);
    const indexes = rows.map((row) => Number(row.getAttribute('aria-rowindex')));
    expect(indexes).toContain(5_000 + 2);
    expect(indexes.every((i) => i > 4_900 && i < 5_100)).toBe(true);
    expect(within(table).queryByText('客户0')).toBeNull();
    expect(rows.length).toBeLessThan(40);
  });

  it('reaches every row’s action by keyboard: arrows, Page Down and End scroll the focused row into view', async () => {
    const { table, scrollBox, run } = renderQueue();
    const first = within(table).getByRole('button', { name: '领取 客户0' });
    first.focus();
    fireEvent.keyDown(first, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(within(table).getByRole('button', { name: '领取 客户1' }));
    fireEvent.keyDown(document.activeElement ?? first, { key: 'PageDown' });
    expect(document.activeElement).toBe(within(table).getByRole('button', { name: '领取 客户11' }));

    fireEvent.keyDown(document.activeElement ?? first, { key: 'End' });
    const last = await within(table).findByRole('button', { name: `领取 客户${String(TOTAL - 1)}` });
    await waitFor(() => {
      expect(document.activeElement).toBe(last);
    });
    expect(last.closest('tr')?.getAttribute('aria-rowindex')).toBe(String(TOTAL + 1));
    expect(scrollBox.scrollTop).toBeGreaterThan((TOTAL - 20) * ROW_PX);
    expect(dataRows(table).length).toBeLessThan(40);
    fireEvent.click(last);
    expect(run).toHaveBeenCalledWith(ITEMS[TOTAL - 1]?.recordId);

    fireEvent.keyDown(last, { key: 'Home' });
    await waitFor(() => {
      expect(document.activeElement).toHaveProperty('textContent', '领取 客户0');
    });
  });

  it('keeps the focused row in the DOM when the view scrolls away from it', () => {
    const { table, scrollBox } = renderQueue();
    within(table).getByRole('button', { name: '领取 客户3' }).focus();
    act(() => {
      scrollBox.scrollTo({ top: 8_000 * ROW_PX });
    });
    const focused = within(table).getByRole('button', { name: '领取 客户3' });
    expect(document.activeElement).toBe(focused);
    expect(within(table).getByRole('button', { name: '领取 客户8000' })).toBeDefined();
    // the gap between the focused row and the window is a spacer, so the rows keep their places
    const spacerHeights = Array.from(table.querySelectorAll<HTMLElement>('tr.queue-spacer td')).map((td) =>
      parseFloat(td.style.height),
    );
    expect(spacerHeights.length).toBe(3);
    expect(spacerHeights[0]).toBe(3 * ROW_PX);
  });
});
