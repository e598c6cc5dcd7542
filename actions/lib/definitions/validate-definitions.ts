/**
 * Repository-level checks of all image definitions together: the components they name exist and
 * take the parameters given, names and SSM parameters are unique, platforms agree, templates exist.
 * Per-file shape and value checks are in load.ts.
 */
import { componentParameterNames, parseComponent, type ParsedComponent } from '../awstoe/index.js';
import type { Finding, Position } from '../core/findings.js';
import { sortFindings } from '../core/findings.js';
import type { YamlSource } from '../yaml/source.js';
import { graphFindings } from './graph-rules.js';
import { loadImageDefinition } from './load.js';
import type { RepoFiles } from './repo-files.js';
import { didYouMean } from '../core/suggest.js';
import type { FileComponentRef, ImageDefinition } from './types.js';
import { findingAtPath, positionAtPath, type JsonPath } from './yaml-path.js';

export const DEFAULT_DEFINITIONS_PATH = 'components/images';

export interface DefinitionSet {
  /** Every definition that loaded (schema-valid), sorted by file. Check `findings` for errors. */
  definitions: ImageDefinition[];
  findings: Finding[];
  /** Position of a path in a definition file, e.g. `('components/images/a.yml', ['components', 1, 'file'])`. */
  locate(file: string, path: JsonPath): Position | undefined;
}

export interface ValidateOptions {
  /** Folder of the definition files (default components/images). */
  definitionsPath?: string;
  /** The definition files to check; default every .yml/.yaml under `definitionsPath`. */
  files?: readonly string[];
}

export function isYaml(file: string): boolean {
  return /\.ya?ml$/i.test(file);
}

type Err = (path: JsonPath, rule: string, message: string, opts?: { key?: boolean }) => void;

interface Context {
  repo: RepoFiles;
  definitionsPath: string;
  components: Map<string, ParsedComponent>;
}

function parsedComponent(ctx: Context, file: string): ParsedComponent | undefined {
  if (!ctx.components.has(file)) {
    const text = ctx.repo.read(file);
    if (text === undefined) return undefined;
    ctx.components.set(file, parseComponent(text, file));
  }
  return ctx.components.get(file);
}

function checkFileComponent(ctx: Context, c: FileComponentRef, i: number, err: Err): void {
  const at: JsonPath = ['components', i, 'file'];
  if (c.file.startsWith(`${ctx.definitionsPath}/`)) {
    err(
      at,
      'definition/component-path',
      `\`${c.file}\` is an image definition, not a component document. Point \`file:\` at a component outside ${ctx.definitionsPath}/.`,
    );
    return;
  }
  const parsed = parsedComponent(ctx, c.file);
  if (!parsed) {
    err(
      at,
      'definition/missing-component',
      `Component file \`${c.file}\` does not exist. Restore it, fix the path, or remove this entry.`,
    );
    return;
  }
  const broken = parsed.findings.find((f) => f.severity === 'error');
  if (!parsed.document || broken) {
    const first = broken ? ` (${broken.file}:${broken.line}: ${broken.message})` : '';
    err(
      at,
      'definition/invalid-component',
      `Component \`${c.file}\` is not a readable AWSTOE document${first}; fix it first.`,
    );
    return;
  }
  const declared = componentParameterNames(parsed.document);
  for (const name of Object.keys(c.parameters)) {
    if (declared.includes(name)) continue;
    const has = declared.length
      ? `It declares ${declared.join(', ')}.`
      : 'It declares no parameters.';
    err(
      ['components', i, 'parameters', name],
      'definition/unknown-parameter',
      `Parameter \`${name}\` is not declared by \`${c.file}\`.${didYouMean(name, declared)} ${has}`,
      { key: true },
    );
  }
  for (const p of parsed.document.parameters) {
    if (p.default === undefined && !(p.name in c.parameters)) {
      err(
        at,
        'definition/missing-parameter',
        `\`${c.file}\` requires parameter \`${p.name}\` (it has no default), so the build would fail. Set it under \`parameters:\`.`,
      );
    }
  }
}

interface Loaded {
  definition: ImageDefinition;
  source: YamlSource;
}

/** Findings for duplicates of `key(d)` across definitions, at `path` of every definition after the first. */
function duplicates(
  all: Loaded[],
  key: (d: ImageDefinition) => string | undefined,
  path: JsonPath,
  rule: string,
  what: string,
): Finding[] {
  const first = new Map<string, ImageDefinition>();
  const out: Finding[] = [];
  for (const { definition: d, source } of all) {
    const k = key(d);
    if (k === undefined) continue;
    const prior = first.get(k);
    if (!prior) first.set(k, d);
    else
      out.push(
        findingAtPath(
          source,
          path,
          'error',
          rule,
          `${what} \`${k}\` is already used by ${prior.file}; each image needs its own.`,
        ),
      );
  }
  return out;
}

function platformConflicts(all: Loaded[]): Finding[] {
  const users = new Map<string, { loaded: Loaded; index: number }[]>();
  for (const loaded of all) {
    loaded.definition.components.forEach((c, index) => {
      if (c.kind !== 'file') return;
      users.set(c.file, [...(users.get(c.file) ?? []), { loaded, index }]);
    });
  }
  const out: Finding[] = [];
  for (const [file, uses] of users) {
    const linux = uses.filter((u) => u.loaded.definition.platform === 'Linux');
    const windows = uses.filter((u) => u.loaded.definition.platform === 'Windows');
    if (!linux.length || !windows.length) continue;
    // Report where the minority platform uses it (ties: the Windows uses).
    const [odd, usual] = windows.length <= linux.length ? [windows, linux] : [linux, windows];
    const other = usual[0]!.loaded.definition;
    for (const u of odd) {
      const d = u.loaded.definition;
      out.push(
        findingAtPath(
          u.loaded.source,
          ['components', u.index, 'file'],
          'error',
          'definition/platform-mismatch',
          `\`${file}\` is used by ${d.platform} image \`${d.name}\` and by ${other.platform} image \`${other.name}\` (${other.file}). An Image Builder component has one platform: split it into a Linux and a Windows file.`,
        ),
      );
    }
  }
  return out;
}

/** Load every definition and run the per-file and repository-level checks. Never throws. */
export function validateDefinitions(repo: RepoFiles, opts: ValidateOptions = {}): DefinitionSet {
  const definitionsPath = (opts.definitionsPath ?? DEFAULT_DEFINITIONS_PATH).replace(/\/+$/, '');
  const files = [...(opts.files ?? repo.list(definitionsPath).filter(isYaml))].sort();
  const ctx: Context = { repo, definitionsPath, components: new Map() };
  const findings: Finding[] = [];
  const loaded: Loaded[] = [];
  const sources = new Map<string, YamlSource>();
  for (const file of files) {
    const text = repo.read(file);
    if (text === undefined) {
      findings.push({
        file,
        line: 1,
        column: 1,
        severity: 'error',
        rule: 'definition/unreadable',
        message: 'The image definition file cannot be read.',
      });
      continue;
    }
    const result = loadImageDefinition(text, file);
    findings.push(...result.findings);
    if (result.source) sources.set(file, result.source);
    if (!result.definition || !result.source) continue;
    const { definition: d, source } = result;
    loaded.push({ definition: d, source });
    const err: Err = (path, rule, message, o) =>
      findings.push(findingAtPath(source, path, 'error', rule, message, o));
    d.components.forEach((c, i) => {
      if (c.kind === 'file') checkFileComponent(ctx, c, i, err);
    });
    if (d.stack && !repo.exists(d.stack.template)) {
      err(
        ['stack', 'template'],
        'definition/missing-template',
        `Stack template \`${d.stack.template}\` does not exist. Add it, or fix the path.`,
      );
    }
  }
  findings.push(
    ...duplicates(loaded, (d) => d.name, ['name'], 'definition/duplicate-image-name', 'Image name'),
    ...duplicates(
      loaded,
      (d) => d.ssmParameter,
      ['ssmParameter'],
      'definition/duplicate-ssm-parameter',
      'SSM parameter',
    ),
    ...duplicates(
      loaded,
      (d) => d.stack?.name,
      ['stack', 'name'],
      'definition/duplicate-stack',
      'Stack name',
    ),
    ...platformConflicts(loaded),
    ...graphFindings(loaded),
  );
  return {
    definitions: loaded.map((l) => l.definition),
    findings: sortFindings(findings),
    locate: (file, path) => {
      const src = sources.get(file);
      return src ? positionAtPath(src, path) : undefined;
    },
  };
}
