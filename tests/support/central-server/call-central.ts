import { JSON_MEDIA_TYPE, PROTOCOL_HEADER, PROTOCOL_VERSION } from '../../../shared/sync/protocol.js';

/**
 * One request to a central server over real HTTP (fetch), with the contract's headers filled
 * in. Tests of the server itself use it; it is no sync client (no retries, no parsing rules).
 */
export interface CentralRequest {
  method?: string;
  path: string;
  token?: string;
  /** sent as JSON */
  body?: unknown;
  /** sent as is, instead of `body` */
  rawBody?: string | Uint8Array<ArrayBuffer>;
  /** added to, or (null) removed from, the defaults */
  headers?: Record<string, string | null>;
  timeoutMs?: number;
}

export interface CentralAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** undefined when the body is not JSON */
  json: unknown;
}

export async function callCentral(baseUrl: string, request: CentralRequest): Promise<CentralAnswer> {
  const headers: Record<string, string> = { [PROTOCOL_HEADER]: PROTOCOL_VERSION };
  if (request.token !== undefined) headers.Authorization = `Bearer ${request.token}`;
  const hasBody = request.body !== undefined || request.rawBody !== undefined;
  if (hasBody) headers['Content-Type'] = JSON_MEDIA_TYPE;
  for (const [name, value] of Object.entries(request.headers ?? {})) {
    for (const existing of Object.keys(headers)) {
      if (existing.toLowerCase() === name.toLowerCase()) Reflect.deleteProperty(headers, existing);
    }
    if (value !== null) headers[name] = value;
  }
  const response = await fetch(new URL(request.path, baseUrl), {
    method: request.method ?? (hasBody ? 'POST' : 'GET'),
    headers,
    body: request.rawBody ?? (request.body === undefined ? undefined : JSON.stringify(request.body)),
    signal: AbortSignal.timeout(request.timeoutMs ?? 10_000),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
