/**
 * awsQuery (STS, CloudFormation) and ec2Query (EC2): form-encoded `Action=...&Version=...`
 * requests, XML responses. Handlers get the flat parameters (`Filter.1.Name`) and read lists with
 * `queryList`/`queryStructs`. Error shapes differ: awsQuery `<ErrorResponse><Error><Type>Sender</Type>
 * <Code>..`, ec2Query `<Response><Errors><Error><Code>..`.
 */
import {
  ApiError,
  type Input,
  type Protocol,
  type RawRequest,
  type ServiceDefinition,
} from '../types.js';
import { escapeXml, toXml } from './xml.js';

function decodeQuery(req: RawRequest, svc: ServiceDefinition): { operation: string; input: Input } {
  const params = new URLSearchParams(req.body);
  for (const [k, v] of req.query) if (!params.has(k)) params.set(k, v);
  const operation = params.get('Action') ?? '';
  if (!(operation in svc.operations)) {
    throw new ApiError(
      svc.protocol === 'ec2-query' ? 'InvalidAction' : 'InvalidAction',
      `The action ${operation} is not valid for this web service.`,
    );
  }
  const input: Input = {};
  for (const [k, v] of params) if (k !== 'Action' && k !== 'Version') input[k] = v;
  return { operation, input };
}

const XML = { 'content-type': 'text/xml' };

export const awsQuery: Protocol = {
  decode: decodeQuery,
  encodeResult(op, output, svc, requestId) {
    const body =
      `<${op}Response xmlns="${svc.xmlNamespace ?? ''}"><${op}Result>${toXml(output, 'member')}</${op}Result>` +
      `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${op}Response>`;
    return { status: 200, headers: { ...XML, 'x-amzn-requestid': requestId }, body };
  },
  encodeError(err, svc, requestId) {
    const body =
      `<ErrorResponse xmlns="${svc.xmlNamespace ?? ''}"><Error><Type>${err.fault}</Type><Code>${escapeXml(err.code)}</Code>` +
      `<Message>${escapeXml(err.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`;
    return { status: err.status, headers: { ...XML, 'x-amzn-requestid': requestId }, body };
  },
};

export const ec2Query: Protocol = {
  decode: decodeQuery,
  encodeResult(op, output, svc, requestId) {
    const body = `<${op}Response xmlns="${svc.xmlNamespace ?? ''}"><requestId>${requestId}</requestId>${toXml(output, 'item')}</${op}Response>`;
    return { status: 200, headers: XML, body };
  },
  encodeError(err, _svc, requestId) {
    const body =
      `<Response><Errors><Error><Code>${escapeXml(err.code)}</Code><Message>${escapeXml(err.message)}</Message></Error></Errors>` +
      `<RequestID>${requestId}</RequestID></Response>`;
    return { status: err.status, headers: XML, body };
  },
};

/** `Prefix.1`, `Prefix.2`... (ec2Query) or `Prefix.member.1`... (awsQuery), in index order. */
export function queryList(input: Input, prefix: string): string[] {
  const out: [number, string][] = [];
  const re = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(?:member\\.)?(\\d+)$`);
  for (const [k, v] of Object.entries(input)) {
    const m = re.exec(k);
    if (m && typeof v === 'string') out.push([Number(m[1]), v]);
  }
  return out.sort((a, b) => a[0] - b[0]).map(([, v]) => v);
}

/** `Prefix.N.Field[.M]` entries grouped into objects; nested lists stay flat keys (`Value.1`). */
export function queryStructs(input: Input, prefix: string): Record<string, string>[] {
  const groups = new Map<number, Record<string, string>>();
  const re = new RegExp(`^${prefix.replace(/\./g, '\\.')}\\.(?:member\\.)?(\\d+)\\.(.+)$`);
  for (const [k, v] of Object.entries(input)) {
    const m = re.exec(k);
    if (!m || typeof v !== 'string') continue;
    const n = Number(m[1]);
    const g = groups.get(n) ?? {};
    g[m[2]!] = v;
    groups.set(n, g);
  }
  return [...groups.entries()].sort((a, b) => a[0] - b[0]).map(([, g]) => g);
}
