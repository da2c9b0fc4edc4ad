import type { Page } from '@playwright/test';
import { BUDGETS, budgetText } from '../budgets.js';
import type { BenchResult } from '../lib/result.js';
import { median, percentile } from '../lib/stats.js';

/** What the page measured while scrolling (see `scrollInPage`). */
interface ScrollFigures {
  /** rAF-to-rAF intervals, ms: one per frame the scroll asked for */
  frames: number[];
  /** frames whose view (below the sticky header) was not fully covered by rendered rows: top to bottom, wheel */
  blankFrames: [number, number];
  /** most data rows (and spacers) in the table's body at any frame */
  maxBodyRows: number;
  /** long animation frames (> 50 ms, Chromium's Long Animation Frame API), durations in ms */
  longFrames: number[];
  /** aria-rowcount the table announced */
  rowCount: number;
  /** the last row's aria-rowindex was rendered at the bottom */
  reachedEnd: boolean;
  /** frames it took after the last step for the last row to be rendered */
  settleFrames: number;
}

export interface QueuePlan {
  /** frames to go from the top to the bottom, a new window of rows every frame (a scrollbar drag) */
  dragFrames: number;
  /** frames of wheel-like scrolling, `wheelPx` a frame */
  wheelFrames: number;
  wheelPx: number;
}

/**
 * Runs in the page: scrolls the queue's box programmatically, one step per animation frame (set
 * in a task after each frame, like input), and records each frame's interval (rAF to rAF),
 * whether the rows covered the view when the frame was drawn (checked in rAF, after the scroll
 * event and before paint, as the frame will show it), and the long animation frames Chromium reports.
 */
async function scrollInPage(args: { caption: string } & QueuePlan): Promise<ScrollFigures> {
  const table = Array.from(document.querySelectorAll('table')).find((t) =>
    (t.caption?.textContent ?? '').startsWith(args.caption),
  );
  const box = table?.closest<HTMLElement>('.queue-scroll');
  const body = table?.tBodies[0];
  const head = table?.tHead;
  if (!table || !box || !body || !head) throw new Error(`no scrollable table "${args.caption}"`);
  const rowCount = Number(table.getAttribute('aria-rowcount'));
  const longFrames: number[] = [];
  let observer: PerformanceObserver | null = null;
  if (PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) {
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longFrames.push(entry.duration);
    });
    observer.observe({ type: 'long-animation-frame' });
  }
  const frame = () =>
    new Promise<number>((done) => {
      requestAnimationFrame(done);
    });
  // a task after the frame just drawn: a scroll set here is dispatched (its scroll event) in the
  // next frame before rAF and paint, as a person's scrolling is; one set in rAF would be painted
  // at once with the old rows, before any scroll event
  const afterPaint = () =>
    new Promise<void>((done) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        done();
      };
      channel.port2.postMessage(null);
    });
  const frames: number[] = [];
  const blankFrames: [number, number] = [0, 0];
  let phase: 0 | 1 = 0;
  let maxBodyRows = 0;
  const covered = (): boolean => {
    const view = box.getBoundingClientRect();
    const top = view.top + head.getBoundingClientRect().height;
    const rows = body.querySelectorAll<HTMLElement>('tr[data-index]');
    const first = rows[0];
    const last = rows[rows.length - 1];
    if (!first || !last) return false;
    const atEnd = Number(last.getAttribute('aria-rowindex')) === rowCount;
    return (
      first.getBoundingClientRect().top <= top + 1 &&
      (atEnd || last.getBoundingClientRect().bottom >= view.bottom - 1)
    );
  };
  let last = await frame();
  const step = async (to: number) => {
    // asked for within the last frame's rAF, so the chain of frames never skips one
    const next = frame();
    await afterPaint();
    box.scrollTop = to;
    const now = await next;
    frames.push(now - last);
    last = now;
    if (!covered()) blankFrames[phase]++;
    maxBodyRows = Math.max(maxBodyRows, body.rows.length);
  };
  for (let i = 1; i <= args.dragFrames; i++) {
    // the height grows as rows are measured: aim at the bottom as it is now
    await step(Math.round(((box.scrollHeight - box.clientHeight) * i) / args.dragFrames));
  }
  await step(box.scrollHeight);
  // the rows measured on the way change the height a little: settle at the very bottom
  const lastRendered = () =>
    Array.from(body.querySelectorAll('tr[data-index]')).some(
      (row) => Number(row.getAttribute('aria-rowindex')) === rowCount,
    );
  let settleFrames = 0;
  while (!lastRendered() && settleFrames < 60) {
    const next = frame();
    await afterPaint();
    box.scrollTop = box.scrollHeight;
    await next;
    settleFrames++;
  }
  const reachedEnd = lastRendered();
  box.scrollTop = Math.round(box.scrollHeight / 3);
  last = await frame();
  phase = 1;
  for (let i = 0; i < args.wheelFrames; i++) await step(box.scrollTop + args.wheelPx);
  observer?.disconnect();
  return { frames, blankFrames, maxBodyRows, longFrames, rowCount, reachedEnd, settleFrames };
}

/**
 * Scrolls a queue already on screen from top to bottom and then like a mouse wheel, and turns
 * what the page saw into bench lines: p95 frame interval and dropped frames against one frame
 * at 60 Hz, rows in the DOM against the budget that 10k-row queues are virtualised.
 */
export async function measureQueueScroll(
  page: Page,
  caption: string,
  records: number,
  plan: QueuePlan,
): Promise<BenchResult[]> {
  const figures = await page.evaluate(scrollInPage, { caption, ...plan });
  if (figures.rowCount !== records + 1) {
    throw new Error(
      `the queue announced aria-rowcount ${String(figures.rowCount)}, not ${String(records + 1)}`,
    );
  }
  if (!figures.reachedEnd) throw new Error('scrolling to the bottom did not render the last row');
  const frameBudget = BUDGETS.renderer.frameMs;
  const late = (ms: number) => ms > frameBudget * 1.5;
  // the top-to-bottom frames (and the one to the very bottom) come first, then the wheel's
  const drag = figures.frames.slice(0, plan.dragFrames + 1);
  const wheel = figures.frames.slice(plan.dragFrames + 1);
  const dropped = figures.frames.filter(late).length;
  const droppedDrag = drag.filter(late).length;
  const label = `${records.toLocaleString('en')}-row queue`;
  const phase = (name: string, frames: number[], how: string): BenchResult => {
    const p95 = percentile(frames, 0.95);
    return {
      name: `renderer scroll ${label} ${name}: p95 frame interval`,
      value: p95,
      unit: 'ms',
      budget: budgetText.frame,
      // rAF intervals are whole vsync periods give or take jitter: under 1.5 is one frame
      ok: !late(p95),
      note:
        `${String(frames.length)} frames, ${how}; median interval ${median(frames).toFixed(1)} ms; ` +
        'frame budget chosen (DESIGN.md has none): one frame at 60 Hz',
    };
  };
  return [
    phase(
      'top→bottom',
      drag,
      `~${String(Math.round(records / plan.dragFrames))} rows a frame (a scrollbar drag: a new window of rows every frame)`,
    ),
    phase('wheel-like', wheel, `${String(plan.wheelPx)} px a frame`),
    {
      name: `renderer scroll ${label}: dropped frames`,
      value: dropped,
      unit: 'frames',
      budget: null,
      ok: null,
      note:
        `intervals > 1.5 frames, of ${String(figures.frames.length)} (${String(droppedDrag)} top→bottom, ` +
        `${String(dropped - droppedDrag)} wheel); long animation frames (> 50 ms): ` +
        String(figures.longFrames.length) +
        (figures.longFrames.length > 0 ? `, longest ${Math.max(...figures.longFrames).toFixed(0)} ms` : '') +
        `; frames drawn before the rows covered the view: ${String(figures.blankFrames[0])} top→bottom, ` +
        `${String(figures.blankFrames[1])} wheel; ` +
        `frames to settle at the bottom: ${String(figures.settleFrames)}`,
    },
    {
      name: `renderer ${label}: rows in the DOM`,
      value: figures.maxBodyRows,
      unit: 'rows',
      budget: budgetText.scroll,
      ok: figures.maxBodyRows <= BUDGETS.renderer.maxDomRows,
      note:
        'most <tr> in the table body at any frame (data rows and spacers), aria-rowcount ' +
        String(figures.rowCount),
    },
  ];
}

/**
 * From the sign-in click: the desk shown (its queue tables, still loading), the queue's answer
 * arriving in the page (null if the binding could not be watched), its first rows drawn.
 */
export interface FirstRows {
  deskMs: number;
  answerMs: number | null;
  rowsMs: number;
}

/**
 * Runs in the page from the click that opens the desk: resolves with the times from that click to
 * the frame after the desk's tables appeared and after the queue's first data row appeared (each
 * the frame after the DOM change, rAF then a task: the frame has been drawn).
 */
export async function timeToFirstRows(
  page: Page,
  caption: string,
  open: () => Promise<void>,
): Promise<FirstRows> {
  await page.evaluate((name) => {
    type Invoke = (method: string, payload: unknown) => Promise<unknown>;
    const state = window as unknown as { __firstRows?: Promise<FirstRows>; __snowdeskInvoke?: Invoke };
    state.__firstRows = new Promise<FirstRows>((resolve) => {
      let clickedAt: number | null = null;
      let deskMs: number | null = null;
      let answerMs: number | null = null;
      // the preview bridge looks the binding up at each call: watch when the queue's answer lands
      const invoke = state.__snowdeskInvoke;
      if (invoke) {
        try {
          state.__snowdeskInvoke = async (method, payload) => {
            const answer = await invoke(method, payload);
            if (method === 'online.queue' && clickedAt !== null) answerMs ??= performance.now() - clickedAt;
            return answer;
          };
        } catch {
          // not writable: the answer's arrival stays unknown
        }
      }
      document.addEventListener(
        'click',
        (event) => {
          clickedAt ??= event.timeStamp;
        },
        { capture: true },
      );
      const afterFrame = (then: (ms: number) => void) => {
        const start = clickedAt ?? 0;
        requestAnimationFrame(() => {
          const channel = new MessageChannel();
          channel.port1.onmessage = () => {
            then(performance.now() - start);
          };
          channel.port2.postMessage(null);
        });
      };
      const check = () => {
        if (clickedAt === null) return;
        const table = Array.from(document.querySelectorAll('table')).find((t) =>
          (t.caption?.textContent ?? '').startsWith(name),
        );
        if (table && deskMs === null) {
          deskMs = -1;
          afterFrame((ms) => {
            deskMs = ms;
          });
        }
        if (!table?.querySelector('tbody tr[aria-rowindex="2"]')) return;
        observer.disconnect();
        afterFrame((rowsMs) => {
          resolve({ deskMs: deskMs ?? rowsMs, answerMs, rowsMs });
        });
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, { childList: true, subtree: true });
    });
  }, caption);
  await open();
  return page.evaluate(() => {
    const state = window as unknown as { __firstRows?: Promise<FirstRows> };
    if (!state.__firstRows) throw new Error('the first-rows probe is not installed');
    return state.__firstRows;
  });
}
