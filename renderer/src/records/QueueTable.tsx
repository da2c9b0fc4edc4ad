import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import {
  useCallback,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueItem } from '../../../shared/ipc/record-schemas.js';
import { DeadlineBadge, useSecondTicks } from './Deadline.js';
import { RecordTags } from './RecordTags.js';

export interface QueueAction {
  label: string;
  run: () => void;
}

interface Props {
  title: string;
  /** the core's answer and when it came (the page's clock), undefined while it is on its way */
  queue: { items: readonly QueueItem[]; fetchedAt: number } | undefined;
  practice: boolean;
  action: (item: QueueItem, name: string) => QueueAction | null;
  showReviewer?: boolean;
}

/**
 * A first guess at a row's height (a row of the desk's queues is two lines at the kiosk's width,
 * 69 px in Chromium); every rendered row is then measured. Close, so the scroll bar hardly moves
 * as rows are measured.
 */
export const ROW_ESTIMATE_PX = 68;
/** Rows rendered beyond each edge of the view: Tab and Shift+Tab always find the next row in the DOM. */
const OVERSCAN = 6;
const estimateSize = (): number => ROW_ESTIMATE_PX;
/** Rows an arrow key, Page Up/Down and Home/End move the focus by. */
const PAGE_ROWS = 10;

/** The row of the table a focused control sits in, by the virtual index it carries. */
function rowIndexOf(target: EventTarget | null): number | null {
  if (!(target instanceof Element)) return null;
  const row = target.closest('tr[data-index]');
  const index = row ? Number(row.getAttribute('data-index')) : NaN;
  return Number.isInteger(index) ? index : null;
}

function targetRow(key: string, from: number, last: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, from + 1);
    case 'ArrowUp':
      return Math.max(0, from - 1);
    case 'PageDown':
      return Math.min(last, from + PAGE_ROWS);
    case 'PageUp':
      return Math.max(0, from - PAGE_ROWS);
    case 'Home':
      return 0;
    case 'End':
      return last;
    default:
      return null;
  }
}

/** Stands in for rows not rendered, so the scroll height stays true; not part of the table for assistive technology. */
function spacer(key: string, height: number, columns: number) {
  return (
    <tr key={key} aria-hidden="true" className="queue-spacer">
      <td colSpan={columns} style={{ height }} />
    </tr>
  );
}

/**
 * A queue with its deadlines counting down; overdue rows stand out.
 *
 * A queue can hold thousands of records (a busy season's online submissions, a manager's open
 * records), so only the rows in view, and a few either side, are in the DOM (DESIGN.md "Budgets":
 * 10k-row queues virtualised). It stays a real table for assistive technology: aria-rowcount is
 * the whole queue, every rendered row says where it is (aria-rowindex), the header row stays on
 * top, and spacer rows (hidden from the accessibility tree) keep the scroll height true. The
 * focused row is always kept rendered, and Tab, the arrow keys, Page Up/Down and Home/End reach
 * every row's action, scrolling it into view.
 */
export function QueueTable({ title, queue, practice, action, showReviewer = false }: Props) {
  const { t } = useTranslation();
  const now = useSecondTicks();
  const items = queue?.items;
  const fetchedAt = queue?.fetchedAt ?? now;
  const columns = showReviewer ? 7 : 6;
  const count = items?.length ?? 0;

  const scrollRef = useRef<HTMLDivElement>(null);
  const headRef = useRef<HTMLTableSectionElement>(null);
  const bodyRef = useRef<HTMLTableSectionElement>(null);
  // where the body starts (below the caption and the header) and how tall the sticky header is
  const [offsets, setOffsets] = useState({ bodyTop: 0, header: 0 });
  const [focused, setFocused] = useState<number | null>(null);
  const [pendingFocus, setPendingFocus] = useState<number | null>(null);
  const [mounted, setMounted] = useState(false);
  useEffect(() => {
    setMounted(true);
  }, []);

  // the focused row stays rendered when it scrolls out of view, so focus is never dropped
  const rangeExtractor = useCallback(
    (range: Range): number[] => {
      const indexes = defaultRangeExtractor(range);
      if (focused === null || focused >= range.count || indexes.includes(focused)) return indexes;
      return [...indexes, focused].sort((a, b) => a - b);
    },
    [focused],
  );

  // stable, so the virtualizer keeps its measurements between the once-a-second countdown renders
  const getItemKey = useCallback((index: number) => items?.[index]?.recordId ?? index, [items]);

  // eslint-disable-next-line react-hooks/incompatible-library -- no React Compiler here; the table re-renders with the virtualizer by design
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize,
    getItemKey,
    overscan: OVERSCAN,
    paddingStart: offsets.bodyTop,
    scrollPaddingStart: offsets.header,
    rangeExtractor,
    // rows are rendered in the scroll event itself, so no frame is drawn before they cover the
    // view (the bench saw half the frames of a scrollbar drag blank without); not while
    // mounting, where React refuses a synchronous flush from the virtualizer's first measurement
    useFlushSync: mounted,
  });

  const loaded = items !== undefined;
  useLayoutEffect(() => {
    const bodyTop = bodyRef.current?.offsetTop ?? 0;
    const header = headRef.current?.offsetHeight ?? 0;
    setOffsets((was) => (was.bodyTop === bodyTop && was.header === header ? was : { bodyTop, header }));
  }, [title, count, loaded, t]);

  const rendered = virtualizer.getVirtualItems();

  // an arrow key asked for a row that was not rendered yet: focus it once it is
  useEffect(() => {
    if (pendingFocus === null) return;
    const row = scrollRef.current?.querySelector<HTMLTableRowElement>(
      `tr[data-index="${String(pendingFocus)}"]`,
    );
    if (!row) return;
    (row.querySelector<HTMLElement>('button') ?? row).focus();
    setPendingFocus(null);
  }, [pendingFocus, rendered]);

  function onKeyDown(event: KeyboardEvent<HTMLTableSectionElement>): void {
    const from = rowIndexOf(event.target);
    if (from === null || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    const to = targetRow(event.key, from, count - 1);
    if (to === null) return;
    event.preventDefault();
    if (to === from) return;
    virtualizer.scrollToIndex(to, { align: 'auto' });
    setPendingFocus(to);
  }

  function onFocus(event: FocusEvent<HTMLTableSectionElement>): void {
    setFocused(rowIndexOf(event.target));
  }

  function onBlur(event: FocusEvent<HTMLTableSectionElement>): void {
    if (rowIndexOf(event.relatedTarget) === null) setFocused(null);
  }

  const rows = [];
  let cursor = offsets.bodyTop;
  for (const virtual of rendered) {
    const item = items?.[virtual.index];
    if (!item) continue;
    if (virtual.start > cursor)
      rows.push(spacer(`gap-${String(virtual.index)}`, virtual.start - cursor, columns));
    cursor = virtual.end;
    const name = item.guestName || t('records.queue.unnamed');
    const act = action(item, name);
    const overdue = item.deadline !== null && item.deadline.remainingMs - Math.max(0, now - fetchedAt) < 0;
    rows.push(
      <tr
        key={virtual.key}
        ref={virtualizer.measureElement}
        data-index={virtual.index}
        aria-rowindex={virtual.index + 2}
        // a row with no action can still hold the focus the arrow keys move
        tabIndex={act ? undefined : -1}
        className={overdue ? 'row-overdue' : undefined}
      >
        <th scope="row">
          {name}
          <RecordTags
            vip={item.vip}
            doubtful={item.doubtful}
            correction={item.correction}
            erasurePending={item.erasurePending}
            practice={practice}
          />
          {item.comments && item.comments.length > 0 && (
            <span className="tag tag-doubt">
              {t('records.queue.comments', { count: item.comments.length })}
            </span>
          )}
        </th>
        <td>{t(`records.state.${item.state}`)}</td>
        <td>{item.channel ? t(`records.choice.channel.${item.channel}`) : '—'}</td>
        <td>
          {item.entrant?.name ??
            (item.claimedBy ? t('records.queue.claimedBy', { name: item.claimedBy.name }) : '—')}
          {item.contactAttempts !== undefined && item.contactAttempts > 0 && (
            <span className="muted">
              {' '}
              · {t('records.queue.contactAttempts', { count: item.contactAttempts })}
            </span>
          )}
        </td>
        {showReviewer && <td>{item.assignedReviewer?.name ?? '—'}</td>}
        <td>
          <DeadlineBadge deadline={item.deadline} fetchedAt={fetchedAt} />
        </td>
        <td>
          {act && (
            <button type="button" onClick={act.run}>
              {act.label}
            </button>
          )}
        </td>
      </tr>,
    );
  }
  const after = virtualizer.getTotalSize() - cursor;
  if (rendered.length > 0 && after > 0) rows.push(spacer('gap-end', after, columns));

  return (
    <section className="panel panel-wide">
      <div className="table-scroll queue-scroll" ref={scrollRef} style={{ scrollPaddingTop: offsets.header }}>
        <table
          className="queue-table"
          aria-rowcount={items && items.length > 0 ? items.length + 1 : undefined}
        >
          <caption>
            {title}
            {items ? `（${String(items.length)}）` : ''}
          </caption>
          <thead ref={headRef}>
            <tr aria-rowindex={items && items.length > 0 ? 1 : undefined}>
              <th scope="col" className="col-guest">
                {t('records.queue.guest')}
              </th>
              <th scope="col" className="col-state">
                {t('records.queue.state')}
              </th>
              <th scope="col" className="col-channel">
                {t('records.queue.channel')}
              </th>
              <th scope="col" className="col-entrant">
                {t('records.queue.entrant')}
              </th>
              {showReviewer && (
                <th scope="col" className="col-reviewer">
                  {t('records.queue.reviewer')}
                </th>
              )}
              <th scope="col" className="col-deadline">
                {t('records.queue.deadline')}
              </th>
              <th scope="col" className="col-action">
                {t('records.queue.action')}
              </th>
            </tr>
          </thead>
          <tbody ref={bodyRef} onKeyDown={onKeyDown} onFocus={onFocus} onBlur={onBlur}>
            {items === undefined ? (
              <tr>
                <td colSpan={columns}>{t('records.loading')}</td>
              </tr>
            ) : items.length === 0 ? (
              <tr>
                <td colSpan={columns} className="muted">
                  {t('records.queue.empty')}
                </td>
              </tr>
            ) : (
              rows
            )}
          </tbody>
        </table>
      </div>
    </section>
  );
}
