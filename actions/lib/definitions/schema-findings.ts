/**
 * ajv errors → findings at the exact YAML node, with messages that say what to write instead.
 * ajv reports JSON pointers (`/components/1/file`); yaml-path.ts turns them into nodes.
 */
import type { ErrorObject } from 'ajv';
import type { Finding } from '../core/findings.js';
import type { YamlSource } from '../yaml/source.js';
import { knownKeys } from './schema.js';
import { didYouMean } from '../core/suggest.js';
import { findingAtPath, pointerToPath } from './yaml-path.js';

/** Where a path is, for messages: `components[1].file`; the root is "the image definition". */
export function displayPath(path: readonly string[]): string {
  if (path.length === 0) return 'the image definition';
  return path.map((s, i) => (/^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

const REQUIRED_HINTS: Record<string, string> = {
  platform: 'Linux or Windows',
  parentImage:
    'the image to start from: image:<definition name>, ssm:<parameter>, an image ARN or an AMI id',
  components: 'the list of components in build order',
  ssmParameter: 'the SSM parameter that receives the AMI id, e.g. /golden-ami/<image>',
  name: 'the CloudFormation stack name',
  template: 'the template path, e.g. stacks/app-ec2.yml',
  deviceName: 'e.g. /dev/xvda',
};

const PATTERN_HINTS: Record<string, string> = {
  version: 'a semantic version x.y.z such as 1.0.0 (quote it if YAML reads it as a number)',
  name: 'letters, digits, `-`, `_` (and spaces for Image Builder names), 3 to 128 characters',
};

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

type Message = { message: string; rule: string; key?: boolean };

/** What every keyword's message reads: the error, where it is, and the value found there. */
interface ErrorAt {
  e: ErrorObject;
  p: Record<string, unknown>;
  path: readonly string[];
  where: string;
  last: string;
  data: unknown;
}

function unknownKey({ e, p, where }: ErrorAt): Message {
  const key = String(p.additionalProperty);
  const known = knownKeys(e.instancePath);
  const hint = didYouMean(key, known) || ` Known keys: ${known.join(', ')}.`;
  return {
    rule: 'definition/unknown-key',
    message: `Unknown key \`${key}\` in ${where}.${hint}`,
    key: true,
  };
}

function missingKey({ p, path, where }: ErrorAt): Message {
  const key = String(p.missingProperty);
  const hint =
    path[0] === 'architectures' && key === 'name'
      ? 'the architecture, x86_64 or arm64'
      : REQUIRED_HINTS[key];
  return {
    rule: 'definition/missing-key',
    message: `Missing required key \`${key}\` in ${where}${hint ? `: ${hint}` : ''}.`,
  };
}

function wrongType({ p, where, data }: ErrorAt): Message {
  const got = kindOfValue(data);
  const want = String(p.type).split(',').join(' or ');
  const quote =
    want.startsWith('string') && got.startsWith('the number') ? ' Quote it, e.g. "1.0.0".' : '';
  return {
    rule: 'definition/wrong-type',
    message: `\`${where}\` must be ${article(want)}, got ${got}.${quote}`,
  };
}

function notAllowed({ p, where, data }: ErrorAt): Message {
  const allowed = (p.allowedValues as unknown[]).map(String);
  const value = data === null || data === undefined ? '' : String(data);
  const got = value === '' ? 'it is empty' : `got \`${value}\``;
  return {
    rule: 'definition/invalid-value',
    message: `\`${where}\` must be one of ${allowed.join(', ')}; ${got}.${value === '' ? '' : didYouMean(value, allowed)}`,
  };
}

function badPattern({ p, path, where, last, data }: ErrorAt): Message {
  const hint =
    path[0] === 'stack' && last === 'name'
      ? 'a CloudFormation stack name: a letter, then letters, digits and `-`, at most 128 characters'
      : (PATTERN_HINTS[last] ?? `text matching ${String(p.pattern)}`);
  return {
    rule: 'definition/invalid-value',
    message: `\`${where}\` is \`${String(data)}\`; it must be ${hint}.`,
  };
}

function itemCount({ e, where, last, data }: ErrorAt): Message {
  const n = Array.isArray(data) ? data.length : 0;
  if (last === 'components') {
    return {
      rule: 'definition/component-count',
      message: `An image has 1 to 20 components (Image Builder's limit per recipe); this one lists ${plural(n, 'component')}.`,
    };
  }
  return {
    rule: 'definition/invalid-value',
    message: `\`${where}\` ${e.message ?? 'has the wrong number of items'}.`,
  };
}

function componentSource({ p, where }: ErrorAt): Message {
  // Both branches require one property; passingSchemas [0,1] means both were given.
  return Array.isArray(p.passingSchemas)
    ? {
        rule: 'definition/component-source',
        message: `${capital(where)} has both \`file:\` and \`arn:\`; keep one.`,
      }
    : {
        rule: 'definition/component-source',
        message: `${capital(where)} needs \`file:\` (a component document in this repository) or \`arn:\` (an AWS-managed or shared component).`,
      };
}

function notForArn({ last }: ErrorAt): Message {
  return {
    rule: 'definition/unknown-key',
    message: `\`${last}\` does not apply to an \`arn:\` component: the ARN already names the component and its version. Remove it.`,
    key: true,
  };
}

/** The message of each ajv keyword; `undefined` drops the error. */
const MESSAGES: Record<string, (at: ErrorAt) => Message | undefined> = {
  additionalProperties: unknownKey,
  required: missingKey,
  type: wrongType,
  enum: notAllowed,
  pattern: badPattern,
  minItems: itemCount,
  maxItems: itemCount,
  minLength: ({ where }) => ({
    rule: 'definition/invalid-value',
    message: `\`${where}\` must not be empty.`,
  }),
  oneOf: componentSource,
  'false schema': notForArn,
  if: () => undefined, // reported by the failing `then` branch (false schema) above
};

function messageFor(root: unknown, e: ErrorObject, path: string[]): Message | undefined {
  // ajv keeps `data` only in verbose mode; walk the validated value instead.
  const data = path.reduce<unknown>(
    (v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined),
    root,
  );
  const at: ErrorAt = {
    e,
    p: e.params as Record<string, unknown>,
    path,
    where: displayPath(path),
    last: path[path.length - 1] ?? '',
    data,
  };
  const build = Object.hasOwn(MESSAGES, e.keyword) ? MESSAGES[e.keyword] : undefined;
  if (build) return build(at);
  return {
    rule: 'definition/invalid-value',
    message: `\`${at.where}\` ${e.message ?? 'is invalid'}.`,
  };
}

function kindOfValue(v: unknown): string {
  if (v === null || v === undefined) return 'an empty value';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a mapping';
  if (typeof v === 'number' || typeof v === 'boolean') return `the ${typeof v} ${String(v)}`;
  return 'a string';
}

function article(s: string): string {
  if (s === 'object') return 'a mapping';
  if (s === 'array') return 'a list';
  return /^[aeiou]/.test(s) ? `an ${s}` : `a ${s}`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function schemaFindings(
  src: YamlSource,
  data: unknown,
  errors: readonly ErrorObject[],
): Finding[] {
  // The `required` errors inside a oneOf branch only explain why the branch failed; the oneOf
  // error itself carries the message.
  const relevant = errors.filter(
    (e) => !(e.keyword === 'required' && e.schemaPath.includes('/oneOf/')),
  );
  const out: Finding[] = [];
  const seen = new Set<string>();
  for (const e of relevant) {
    const path = pointerToPath(e.instancePath);
    const m = messageFor(data, e, path);
    if (!m) continue;
    const target =
      e.keyword === 'additionalProperties'
        ? [...path, String((e.params as { additionalProperty: string }).additionalProperty)]
        : path;
    const f = findingAtPath(src, target, 'error', m.rule, m.message, { key: m.key });
    const id = `${f.line}:${f.column}:${f.message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push(f);
  }
  return out;
}
