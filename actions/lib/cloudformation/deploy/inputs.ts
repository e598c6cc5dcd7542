/** deploy-stack input parsing, pure: parameter overrides, capabilities, template size. */
import type { Capability, Parameter } from '@aws-sdk/client-cloudformation';
import { ConfigurationError } from '../../core/errors.js';

/** CreateChangeSet's TemplateBody limit; larger templates must come from S3 (TemplateURL). */
export const TEMPLATE_BODY_MAX_BYTES = 51_200;
export const CAPABILITIES = [
  'CAPABILITY_IAM',
  'CAPABILITY_NAMED_IAM',
  'CAPABILITY_AUTO_EXPAND',
] as const;
/** Parameters this action sets itself from its ami-parameter-* inputs. */
export const AMI_PARAMETERS = ['AmiParameterName', 'AmiParameterVersion'] as const;

export function checkTemplateSize(body: string, file: string): string {
  const bytes = Buffer.byteLength(body, 'utf8');
  if (bytes > TEMPLATE_BODY_MAX_BYTES) {
    throw new ConfigurationError(
      `Template is ${bytes} bytes; CloudFormation accepts at most ${TEMPLATE_BODY_MAX_BYTES} bytes inline (TemplateBody). ` +
        'Upload it to S3 and deploy it with a TemplateURL (e.g. `aws cloudformation package`), or split it into nested stacks.',
      { file },
    );
  }
  return body;
}

/**
 * True when the input names a file rather than holding `key=value` lines: one line, and either
 * `file://…` or no `=` at all.
 */
export function overridesIsFile(raw: string): string | undefined {
  const t = raw.trim();
  if (t === '' || t.includes('\n')) return undefined;
  if (t.startsWith('file://')) return t.slice('file://'.length);
  return t.includes('=') ? undefined : t;
}

/** `key=value` lines; a value may hold commas and `=`. */
export function parseOverrideLines(raw: string): Parameter[] {
  const out: Parameter[] = [];
  raw.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === '' || t.startsWith('#')) return;
    const eq = t.indexOf('=');
    if (eq <= 0) {
      throw new ConfigurationError(
        `parameter-overrides line ${i + 1} must be Key=Value (one a line; commas in the value are fine), got '${t}'.`,
      );
    }
    out.push({ ParameterKey: t.slice(0, eq).trim(), ParameterValue: t.slice(eq + 1).trim() });
  });
  return out;
}

/** A JSON file: `[{"ParameterKey":…,"ParameterValue":…}]` (the CLI's format) or `{"Key": "value"}`. */
export function parseOverrideFile(text: string, file: string): Parameter[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigurationError(`Parameter file is not JSON: ${(e as Error).message}.`, { file });
  }
  const shape = 'expected [{"ParameterKey":"K","ParameterValue":"V"}] or {"K":"V"}';
  if (Array.isArray(data)) {
    return data.map((p: unknown, i) => {
      const o = p as Record<string, unknown>;
      if (
        !o ||
        typeof o.ParameterKey !== 'string' ||
        (typeof o.ParameterValue !== 'string' && o.UsePreviousValue !== true)
      ) {
        throw new ConfigurationError(
          `Parameter file entry ${i + 1} is not a parameter: ${shape}.`,
          { file },
        );
      }
      return o.UsePreviousValue === true
        ? { ParameterKey: o.ParameterKey, UsePreviousValue: true }
        : { ParameterKey: o.ParameterKey, ParameterValue: o.ParameterValue as string };
    });
  }
  if (data && typeof data === 'object') {
    return Object.entries(data).map(([k, v]) => {
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
        throw new ConfigurationError(
          `Parameter '${k}' in the parameter file must be a string, number or boolean: ${shape}.`,
          { file },
        );
      }
      return { ParameterKey: k, ParameterValue: String(v) };
    });
  }
  throw new ConfigurationError(`Parameter file has the wrong shape: ${shape}.`, { file });
}

/** Overrides from the input (lines or a file), refusing the parameters the AMI inputs own. */
export function parseParameterOverrides(
  raw: string | undefined,
  readFile: (path: string) => string,
): Parameter[] {
  const text = raw ?? '';
  const file = overridesIsFile(text);
  let params: Parameter[];
  if (file !== undefined) {
    let content: string;
    try {
      content = readFile(file);
    } catch (e) {
      throw new ConfigurationError(
        `Cannot read parameter-overrides file '${file}': ${(e as Error).message}.`,
      );
    }
    params = parseOverrideFile(content, file);
  } else {
    params = parseOverrideLines(text);
  }
  const seen = new Set<string>();
  for (const p of params) {
    const k = p.ParameterKey as string;
    if (seen.has(k))
      throw new ConfigurationError(
        `Parameter '${k}' is given twice in parameter-overrides: keep one.`,
      );
    seen.add(k);
    if ((AMI_PARAMETERS as readonly string[]).includes(k)) {
      throw new ConfigurationError(
        `Set ${k} with the ami-parameter-name / ami-parameter-version inputs, not in parameter-overrides.`,
      );
    }
  }
  return params;
}

/** Comma or line separated; `none` for none. Default CAPABILITY_IAM (see the action's docs). */
export function parseCapabilities(raw: string | undefined): Capability[] {
  const items = (raw ?? '').split(/[\s,]+/).filter((s) => s !== '');
  if (items.length === 0) return ['CAPABILITY_IAM'];
  if (items.length === 1 && items[0]?.toLowerCase() === 'none') return [];
  for (const c of items) {
    if (!(CAPABILITIES as readonly string[]).includes(c)) {
      throw new ConfigurationError(
        `Unknown capability '${c}': use ${CAPABILITIES.join(', ')} or none.`,
      );
    }
  }
  return items as Capability[];
}
