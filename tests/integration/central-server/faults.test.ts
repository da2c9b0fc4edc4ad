import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../../../shared/sync/retry-after.js';
import { PROTOCOL_HEADER, SYNC_LIMITS, SYNC_PATHS } from '../../../shared/sync/protocol.js';
import { ErrorResponse, OutboxBatchResponse } from '../../../shared/sync/wire.js';
import { centralClientForTests } from '../../support/central-server/central-client-for-tests.js';
import { useTempCentral } from '../../support/central-server/use-temp-central.js';

const central = useTempCentral({ enrolled: true });

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function appliedCount(): Promise<number> {
  const stored = await centralClientForTests(central.server);
  try {
    return stored.applied().length;
  } finally {
    stored.close();
  }
}

/** Waits (bounded) until the server has seen `n` more requests than `before`. */
async function requestsSeen(n: number, before: number): Promise<void> {
  for (let i = 0; i < 200 && central.server.requests().length < before + n; i += 1) await sleep(10);
}

describe('refusing connections', () => {
  it.each(['closed', 'reset'] as const)(
    '%s: requests fail until connections are accepted again',
    async (mode) => {
      const port = central.server.port;
      await central.server.faults.refuseConnections(mode);
      await expect(central.device.call({ path: SYNC_PATHS.health })).rejects.toThrow();
      await expect(central.device.send([central.device.item(randomUUID())])).rejects.toThrow();
      expect(await appliedCount()).toBe(0);

      await central.server.faults.acceptConnections();
      expect(central.server.port).toBe(port);
      expect((await central.device.call({ path: SYNC_PATHS.health })).status).toBe(200);
    },
  );
});

describe('delays', () => {
  it('before handling: a client that gives up leaves nothing applied', async () => {
    central.server.faults.delayResponses(400, { phase: 'before_handling' });
    await expect(
      central.device.send([central.device.item(randomUUID())], { timeoutMs: 100 }),
    ).rejects.toThrow();
    await sleep(500);
    expect(await appliedCount()).toBe(0);
  });

  it('after commit: a client that gives up finds its items applied when it resends', async () => {
    central.server.faults.delayResponses(400, {
      phase: 'after_commit',
      path: SYNC_PATHS.outboxBatches,
      times: 1,
    });
    const items = [central.device.item(randomUUID())];
    const batch = central.device.batch(items);
    await expect(central.device.send(batch, { timeoutMs: 100 })).rejects.toThrow();
    expect(await appliedCount()).toBe(1);
    const resent = await central.device.sendOk(batch);
    expect(resent.results[0]?.status).toBe('applied');
    expect(await appliedCount()).toBe(1);
  });

  it('a held answer arrives late but whole', async () => {
    central.server.faults.delayResponses(150);
    const started = Date.now();
    expect((await central.device.call({ path: SYNC_PATHS.health })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('clear() lets held answers go at once; a delay never exceeds its cap', async () => {
    central.server.faults.delayResponses(10 * 60_000);
    const before = central.server.requests().length;
    const pending = central.device.call({ path: SYNC_PATHS.health });
    await requestsSeen(1, before);
    await sleep(20);
    central.server.faults.clear();
    expect((await pending).status).toBe(200);
  });
});

describe('status faults', () => {
  it('answers 500 to the next N requests without applying them, then recovers', async () => {
    central.server.faults.failNext(2, { path: SYNC_PATHS.outboxBatches });
    const items = [central.device.item(randomUUID())];
    for (let i = 0; i < 2; i += 1) {
      const answer = await central.device.send(items);
      expect(answer.status).toBe(500);
      expect(ErrorResponse.parse(answer.json).error.code).toBe('internal');
    }
    expect(await appliedCount()).toBe(0);
    expect((await central.device.send(items)).status).toBe(200);
    expect((await central.device.call({ path: SYNC_PATHS.health })).status).toBe(200);
  });

  it('can answer like a proxy: a 502 HTML page', async () => {
    central.server.faults.failNext(1, { status: 502, html: true });
    const answer = await central.device.call({ path: SYNC_PATHS.health });
    expect(answer.status).toBe(502);
    expect(answer.headers.get('content-type')).toMatch(/^text\/html/);
    expect(answer.json).toBeUndefined();
  });

  it('answers 503 with Retry-After in seconds or as a date', async () => {
    const at = new Date(Date.now() + 30_000);
    central.server.faults.unavailableNext(1, { retryAfter: 7 });
    central.server.faults.unavailableNext(1, { retryAfter: at });
    const first = await central.device.call({ path: SYNC_PATHS.health });
    expect(first.status).toBe(503);
    expect(first.headers.get('retry-after')).toBe('7');
    expect(parseRetryAfter(first.headers.get('retry-after'), Date.now())).toBe(7000);
    const second = await central.device.call({ path: SYNC_PATHS.health });
    expect(ErrorResponse.parse(second.json).error.code).toBe('unavailable');
    const wait = parseRetryAfter(second.headers.get('retry-after'), Date.now());
    expect(wait).toBeGreaterThan(25_000);
    expect(wait).toBeLessThanOrEqual(30_000);
    expect((await central.device.call({ path: SYNC_PATHS.health })).status).toBe(200);
  });

  it('answers 429 with Retry-After', async () => {
    central.server.faults.rateLimitNext(1, { retryAfter: 2 });
    const answer = await central.device.send([central.device.item(randomUUID())]);
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('2');
    expect(ErrorResponse.parse(answer.json).error.code).toBe('rate_limited');
    expect(await appliedCount()).toBe(0);
  });
});

describe('lost acknowledgements', () => {
  it('commits, then drops the connection: the client sees a failure, the central side has the items', async () => {
    central.server.faults.dropAfterCommitNext(1);
    const item = central.device.item(randomUUID());
    await expect(central.device.send([item])).rejects.toThrow();
    expect(await appliedCount()).toBe(1);
    expect(central.server.requests().at(-1)).toMatchObject({ fault: 'drop_after_commit', status: null });
  });
});

describe('reordered answers', () => {
  it('answers two concurrent requests newest first, having applied them oldest first', async () => {
    // the central side holds the device's head already, so both batches carry the same checkpoint
    await central.device.sendOk([]);
    central.server.faults.reorderNext(2, { path: SYNC_PATHS.outboxBatches });
    const first = central.device.item(randomUUID());
    const second = central.device.item(randomUUID());
    const finished: string[] = [];
    const before = central.server.requests().length;
    const a = central.device.send(central.device.batch([first])).then((answer) => {
      finished.push('first');
      return answer;
    });
    await requestsSeen(1, before);
    await sleep(30);
    const b = central.device.send(central.device.batch([second])).then((answer) => {
      finished.push('second');
      return answer;
    });
    const answers = await Promise.all([a, b]);

    expect(finished).toEqual(['second', 'first']);
    expect(answers.map((answer) => answer.status)).toEqual([200, 200]);
    const stored = await centralClientForTests(central.server);
    try {
      expect((stored.item(first.id)?.order ?? 0) < (stored.item(second.id)?.order ?? 0)).toBe(true);
    } finally {
      stored.close();
    }
  });

  it('lets a group that never fills go after its wait', async () => {
    central.server.faults.reorderNext(3, { maxWaitMs: 150 });
    const started = Date.now();
    expect((await central.device.call({ path: SYNC_PATHS.health })).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('bad answers (the request itself is applied)', () => {
  it('non_json', async () => {
    central.server.faults.badResponseNext('non_json');
    const answer = await central.device.send([central.device.item(randomUUID())]);
    expect(answer.status).toBe(200);
    expect(answer.json).toBeUndefined();
    expect(await appliedCount()).toBe(1);
  });

  it('truncated_json: a well-framed body that is half a JSON document', async () => {
    central.server.faults.badResponseNext('truncated_json');
    const answer = await central.device.send([central.device.item(randomUUID())]);
    expect(answer.status).toBe(200);
    expect(answer.json).toBeUndefined();
    expect(answer.text.startsWith('{"batchId"')).toBe(true);
    expect(Number(answer.headers.get('content-length'))).toBe(Buffer.byteLength(answer.text));
  });

  it('short_body: the connection ends before the promised length', async () => {
    central.server.faults.badResponseNext('short_body');
    await expect(central.device.send([central.device.item(randomUUID())])).rejects.toThrow();
    expect(await appliedCount()).toBe(1);
  });

  it('wrong_schema', async () => {
    central.server.faults.badResponseNext('wrong_schema');
    const answer = await central.device.send([central.device.item(randomUUID())]);
    expect(answer.json).toEqual({ status: 'ok', results: 'all good' });
    expect(OutboxBatchResponse.safeParse(answer.json).success).toBe(false);
  });

  it('unknown_ack_ids: acknowledgements for ids never sent (and only on outbox answers)', async () => {
    central.server.faults.badResponseNext('unknown_ack_ids');
    expect((await central.device.call({ path: SYNC_PATHS.health })).status).toBe(200);
    const items = [central.device.item(randomUUID()), central.device.item(randomUUID())];
    const answer = OutboxBatchResponse.parse((await central.device.send(items)).json);
    const sent = new Set(items.map((item) => item.id));
    expect(answer.results).toHaveLength(2);
    for (const result of answer.results) expect(sent.has(result.id)).toBe(false);
  });

  it('huge_body: far beyond the limit, and the server stops when the client does', async () => {
    central.server.faults.badResponseNext('huge_body', 1, { path: SYNC_PATHS.health });
    const response = await fetch(new URL(SYNC_PATHS.health, central.server.url), {
      headers: { Authorization: `Bearer ${central.device.token}`, [PROTOCOL_HEADER]: '1.0' },
      signal: AbortSignal.timeout(10_000),
    });
    expect(response.headers.get('content-length')).toBeNull();
    const reader = response.body?.getReader();
    let bytes = 0;
    while (reader && bytes <= SYNC_LIMITS.maxBodyBytes) {
      const chunk = await reader.read();
      if (chunk.done) break;
      bytes += chunk.value.length;
    }
    await reader?.cancel();
    expect(bytes).toBeGreaterThan(SYNC_LIMITS.maxBodyBytes);
    expect((await central.device.call({ path: SYNC_PATHS.health })).status).toBe(200);
  });
});

describe('close()', () => {
  it('releases held answers, reorder groups, sockets and the database promptly', async () => {
    central.server.faults.delayResponses(60_000, { path: SYNC_PATHS.health });
    central.server.faults.reorderNext(5, { path: SYNC_PATHS.inbox, maxWaitMs: 10_000 });
    const before = central.server.requests().length;
    const held = [
      central.device.call({ path: SYNC_PATHS.health }).catch(() => 'failed'),
      central.device.call({ path: SYNC_PATHS.inbox }).catch(() => 'failed'),
    ];
    await requestsSeen(2, before);
    await sleep(20);
    const started = Date.now();
    await central.server.close();
    expect(await Promise.all(held)).toEqual(['failed', 'failed']);
    expect(Date.now() - started).toBeLessThan(2000);
    await expect(central.device.call({ path: SYNC_PATHS.health })).rejects.toThrow();
    await central.server.close();
  });
});
