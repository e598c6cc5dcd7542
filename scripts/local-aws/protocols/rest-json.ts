/**
 * restJson1 (Image Builder): operations are routed by the `http` trait of the SDK's operation
 * schemas (`PUT /CreateComponent`, `GET /GetImage`, `DELETE /tags/{resourceArn}`); `httpQuery`
 * members come from the query string, `httpLabel` members from the path, the rest from the JSON
 * body. Errors carry `x-amzn-errortype` and a JSON body with `message`.
 */
import {
  ApiError,
  type Input,
  type Protocol,
  type RawRequest,
  type ServiceDefinition,
} from '../types.js';
import { inputSchema, operationSchema, structMembers } from '../schema-validate.js';

interface Route {
  operation: string;
  method: string;
  segments: string[];
}

const routeCache = new WeakMap<ServiceDefinition, Route[]>();

function routes(svc: ServiceDefinition): Route[] {
  let r = routeCache.get(svc);
  if (!r) {
    r = [];
    for (const op of Object.keys(svc.operations)) {
      const s = operationSchema(svc.sdk, op);
      const http = (s?.[3] as { http?: [string, string, number] } | undefined)?.http;
      if (!http)
        throw new Error(`local-aws: no http trait for ${svc.signingName}.${op} in the SDK schemas`);
      r.push({
        operation: op,
        method: http[0],
        segments: http[1].split('?')[0]!.split('/').filter(Boolean),
      });
    }
    routeCache.set(svc, r);
  }
  return r;
}

function match(
  route: Route,
  method: string,
  segments: string[],
): Record<string, string> | undefined {
  if (route.method !== method || route.segments.length !== segments.length) return undefined;
  const labels: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const want = route.segments[i]!;
    const got = segments[i]!;
    if (want.startsWith('{')) labels[want.replace(/[{}+]/g, '')] = decodeURIComponent(got);
    else if (want !== got) return undefined;
  }
  return labels;
}

function coerce(schema: unknown, values: string[]): unknown {
  if (typeof schema === 'number' && schema >= 64 && schema < 128) return values;
  const v = values[0];
  if (schema === 1) return Number(v);
  if (schema === 2) return v === 'true';
  return v;
}

export const restJson: Protocol = {
  decode(req: RawRequest, svc: ServiceDefinition) {
    const segments = req.path.split('/').filter(Boolean);
    for (const route of routes(svc)) {
      const labels = match(route, req.method, segments);
      if (!labels) continue;
      let input: Input = {};
      if (req.body.trim()) {
        try {
          input = JSON.parse(req.body) as Input;
        } catch {
          throw new ApiError('SerializationException', 'The request body is not valid JSON.');
        }
      }
      const struct = inputSchema(svc.sdk, route.operation);
      for (const m of struct ? structMembers(struct) : []) {
        const q = (m.traits as { httpQuery?: string } | undefined)?.httpQuery;
        if (q && req.query.has(q)) input[m.name] = coerce(m.schema, req.query.getAll(q));
        if (m.traits === 1 && labels[m.name] !== undefined) input[m.name] = labels[m.name];
      }
      return { operation: route.operation, input };
    }
    throw new ApiError(
      'UnknownOperationException',
      `No operation matches ${req.method} ${req.path}`,
      404,
    );
  },
  encodeResult(_op, output, _svc, requestId) {
    const body = { requestId, ...(output as object) };
    return {
      status: 200,
      headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId },
      body: JSON.stringify(body),
    };
  },
  encodeError(err, _svc, requestId) {
    return {
      status: err.status,
      headers: {
        'content-type': 'application/json',
        'x-amzn-requestid': requestId,
        'x-amzn-errortype': err.code,
      },
      body: JSON.stringify({ message: err.message }),
    };
  },
};
