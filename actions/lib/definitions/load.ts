/**
 * Loading one image definition file: YAML (with positions) → schema check → `ImageDefinition` →
 * single-file rules. Never throws: every problem is a finding at the line that causes it.
 */
import type { Finding } from '../core/findings.js';
import { errorMessage } from '../core/errors.js';
import { hasErrors, isMap, parseYaml, findingAt, pairOf, type YamlSource } from '../yaml/source.js';
import { architectureFindings } from './architecture-rules.js';
import { checkDefinition } from './rules.js';
import { schemaErrors } from './schema.js';
import { schemaFindings } from './schema-findings.js';
import type {
  Architecture,
  ArchitectureSpec,
  BlockDeviceMapping,
  ComponentRef,
  ImageDefinition,
  Platform,
  ScanSettings,
} from './types.js';

export interface LoadedDefinition {
  /**
   * Present when the file has the right shape (schema-valid). `findings` may still hold errors from
   * value rules (a bad ARN, an invalid SSM name): check them before using the definition.
   */
  definition?: ImageDefinition;
  findings: Finding[];
  /** The parsed YAML, for positioning later findings (absent only when the file could not be read). */
  source?: YamlSource;
}

/** `components/apache-install.yml` → `apache-install`. */
export function baseName(file: string): string {
  const last = file.split(/[\\/]/).pop() ?? file;
  return last.replace(/\.ya?ml$/i, '');
}

type Raw = Record<string, unknown>;

function strings(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries((value as Raw | undefined) ?? {})) out[k] = String(v);
  return out;
}

function toComponent(raw: Raw): ComponentRef {
  const parameters = strings(raw.parameters);
  if (typeof raw.arn === 'string') return { kind: 'arn', arn: raw.arn, parameters };
  const file = String(raw.file);
  return {
    kind: 'file',
    file,
    name: typeof raw.name === 'string' ? raw.name : baseName(file),
    ...(typeof raw.version === 'string' ? { version: raw.version } : {}),
    parameters,
  };
}

/** `- arm64` or `- { name: arm64, parentImage: ..., instanceTypes: [...] }` → the contract type. */
function toArchitecture(raw: unknown): ArchitectureSpec {
  if (typeof raw === 'string') return { name: raw as Architecture };
  const r = raw as Raw;
  return {
    name: r.name as Architecture,
    ...(typeof r.parentImage === 'string' ? { parentImage: r.parentImage } : {}),
    ...(Array.isArray(r.instanceTypes) ? { instanceTypes: r.instanceTypes.map(String) } : {}),
  };
}

/** Plain data that passed the schema → the contract type, with defaults applied. */
export function toDefinition(raw: Raw, file: string): ImageDefinition {
  const stack = raw.stack as Raw | undefined;
  return {
    file,
    name: typeof raw.name === 'string' ? raw.name : baseName(file),
    // The recipe's description is 1 to 1024 characters (the schema caps it): an empty one is none.
    ...(typeof raw.description === 'string' && raw.description !== ''
      ? { description: raw.description }
      : {}),
    platform: raw.platform as Platform,
    parentImage: String(raw.parentImage),
    ...(Array.isArray(raw.architectures)
      ? { architectures: raw.architectures.map(toArchitecture) }
      : {}),
    ...(typeof raw.version === 'string' ? { version: raw.version } : {}),
    components: (raw.components as Raw[]).map(toComponent),
    blockDeviceMappings: (raw.blockDeviceMappings as BlockDeviceMapping[] | undefined) ?? [],
    ...(typeof raw.workingDirectory === 'string' ? { workingDirectory: raw.workingDirectory } : {}),
    ssmParameter: String(raw.ssmParameter),
    ...(stack
      ? {
          stack: {
            name: String(stack.name),
            template: String(stack.template),
            ...(typeof stack.architecture === 'string'
              ? { architecture: stack.architecture as Architecture }
              : {}),
            parameters: strings(stack.parameters),
          },
        }
      : {}),
    tags: strings(raw.tags),
    ...(raw.scan ? { scan: toScan(raw.scan as Raw) } : {}),
  };
}

function toScan(raw: Raw): ScanSettings {
  return {
    enabled: raw.enabled !== false,
    failOn: (raw['fail-on'] as ScanSettings['failOn'] | undefined) ?? 'critical',
  };
}

function unreadable(file: string, e: unknown): Finding {
  return {
    file,
    line: 1,
    column: 1,
    severity: 'error',
    rule: 'definition/unreadable',
    message: `The image definition could not be read (${errorMessage(e)}). Check that the file is UTF-8 YAML.`,
  };
}

/** Load and check one definition file; `file` is its path relative to the repository root. */
export function loadImageDefinition(text: string, file: string): LoadedDefinition {
  let src: YamlSource;
  try {
    src = parseYaml(text, file);
  } catch (e) {
    return { findings: [unreadable(file, e)] };
  }
  const findings = [...src.findings];
  if (hasErrors(src)) return { findings, source: src };
  const root = src.doc.contents;
  if (!isMap(root)) {
    const what = root === null || root === undefined ? 'is empty' : 'is not a mapping';
    findings.push(
      findingAt(
        src,
        root,
        'error',
        'definition/root-not-mapping',
        `The image definition ${what}: write a mapping with at least platform, parentImage, components and ssmParameter (see docs/image-definitions.md).`,
      ),
    );
    return { findings, source: src };
  }
  let data: unknown;
  try {
    data = src.doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    return { findings: [...findings, unreadable(file, e)], source: src };
  }
  const errors = schemaErrors(data);
  if (errors.length)
    return { findings: [...findings, ...schemaFindings(src, data, errors)], source: src };
  const definition = toDefinition(data as Raw, file);
  findings.push(
    ...checkDefinition(src, definition, pairOf(root, 'name') !== undefined),
    ...architectureFindings(src, definition),
  );
  return { definition, findings, source: src };
}
