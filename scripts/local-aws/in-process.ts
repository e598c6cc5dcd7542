/**
 * The emulator as an SDK request handler: `new SSMClient({ requestHandler: inProcessHandler(emu),
 * endpoint: 'http://local-aws', ... })` sends every call through `dispatch` without a socket
 * (issue 12: library tests against the emulator in-process). The request is still signed and
 * authorized as over HTTP; an injected `drop` fault surfaces as a reset connection, which the
 * SDK retries like a real one.
 */
import type { HttpRequest, HttpResponse, RequestHandler } from '@smithy/types';
import type { Emulator } from './emulator.js';
import type { RawRequest } from './types.js';

function bodyText(body: unknown): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  // Not Buffer.from(body): the SDK's JSON body adapter warns when its string methods are used.
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  throw new Error('local-aws in-process handler: streamed request bodies are not supported');
}

function rawRequest(request: HttpRequest): RawRequest {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(request.query ?? {}))
    for (const one of Array.isArray(v) ? v : [v]) if (one !== null) query.append(k, one);
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
  headers['host'] ??= request.port ? `${request.hostname}:${request.port}` : request.hostname;
  return {
    method: request.method,
    path: request.path,
    query,
    headers,
    body: bodyText(request.body),
  };
}

export function inProcessHandler(emulator: Emulator): RequestHandler<HttpRequest, HttpResponse> {
  return {
    async handle(request: HttpRequest) {
      const answer = await emulator.dispatch(rawRequest(request));
      if ('drop' in answer)
        throw Object.assign(new Error('socket hang up (injected drop)'), { code: 'ECONNRESET' });
      const r = answer.response;
      const response: HttpResponse = {
        statusCode: r.status,
        reason: undefined,
        headers: {
          ...r.headers,
          date: new Date(emulator.clock.now()).toUTCString(),
        },
        body: new Uint8Array(Buffer.from(r.body, 'utf8')),
      };
      return { response };
    },
  };
}
