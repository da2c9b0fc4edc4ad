/**
 * Walks a payload and gives up as soon as it is larger or deeper than allowed, so a 10 MB or
 * a maliciously nested payload costs little and never reaches a schema or a handler.
 * Sizes approximate JSON's: strings by UTF-16 length, which is what arrived in memory.
 */
export interface PayloadLimits {
  maxBytes: number;
  maxDepth: number;
}

export const DEFAULT_PAYLOAD_LIMITS: PayloadLimits = { maxBytes: 1024 * 1024, maxDepth: 32 };

export type PayloadVerdict = { ok: true; bytes: number } | { ok: false; reason: 'size' | 'depth' };

export function checkPayload(value: unknown, limits: PayloadLimits): PayloadVerdict {
  let bytes = 0;
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === undefined) break;
    const v = item.value;
    if (item.depth > limits.maxDepth) return { ok: false, reason: 'depth' };
    if (typeof v === 'string') {
      bytes += v.length + 2;
    } else if (v !== null && typeof v === 'object') {
      // a cycle is as bad as infinite depth: it cannot be valid input
      if (seen.has(v)) return { ok: false, reason: 'depth' };
      seen.add(v);
      bytes += 2;
      if (Array.isArray(v)) {
        // every slot costs at least a separator, holes too: a sparse `new Array(2 ** 32 - 1)`
        // crosses IPC in a few bytes and must be refused before anything walks it
        bytes += v.length;
        if (bytes > limits.maxBytes) return { ok: false, reason: 'size' };
        for (const el of v as unknown[]) stack.push({ value: el, depth: item.depth + 1 });
      } else {
        for (const [k, el] of Object.entries(v)) {
          bytes += k.length + 3;
          stack.push({ value: el, depth: item.depth + 1 });
        }
      }
    } else {
      bytes += 8;
    }
    if (bytes > limits.maxBytes) return { ok: false, reason: 'size' };
  }
  return { ok: true, bytes };
}
