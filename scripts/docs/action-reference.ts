/**
 * The action reference (docs/actions.md), generated from every actions/<name>/action.yml: each
 * action's description, its inputs (required, default, description) and outputs, and how to use
 * it from another repository. Pure: `renderActionReference` takes the files' text.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** Where consumers get the actions from (the README's adoption section; replace with your host). */
export { PRODUCT_REPOSITORY as UPSTREAM_REPOSITORY } from '../../actions/lib/github/repository.js';

export interface ActionFile {
  /** Folder name under actions/. */
  name: string;
  yml: string;
}

interface ActionMeta {
  name?: string;
  description?: string;
  inputs?: Record<string, { description?: string; required?: boolean; default?: unknown } | null>;
  outputs?: Record<string, { description?: string } | null>;
  runs?: { using?: string };
}

/** One table cell: one line, `|` escaped, `<x>` outside code spans shown rather than taken as HTML. */
function cell(text: string): string {
  return text
    .trim()
    .replace(/\s*\n\s*/g, ' ')
    .replace(/\|/g, '\\|')
    .split('`')
    .map((part, i) => (i % 2 === 0 ? part.replace(/</g, '&lt;') : part))
    .join('`');
}

function defaultCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return text === '' ? "`''`" : `\`${text.replace(/`/g, "'")}\``;
}

export function renderAction(file: ActionFile, owner: string): string {
  const meta = (parse(file.yml) ?? {}) as ActionMeta;
  const lines = [
    `## ${file.name}`,
    '',
    cell(meta.description ?? ''),
    '',
    `\`uses: ${owner}/actions/${file.name}@<sha> # v1.x.y\` (runs on \`${meta.runs?.using ?? '?'}\`)`,
    '',
  ];
  const inputs = Object.entries(meta.inputs ?? {});
  if (inputs.length) {
    lines.push('| input | required | default | description |', '| --- | --- | --- | --- |');
    for (const [k, v] of inputs)
      lines.push(
        `| \`${k}\` | ${v?.required ? 'yes' : 'no'} | ${defaultCell(v?.default)} | ${cell(v?.description ?? '')} |`,
      );
    lines.push('');
  } else lines.push('_No inputs._', '');
  const outputs = Object.entries(meta.outputs ?? {});
  if (outputs.length) {
    lines.push('| output | description |', '| --- | --- |');
    for (const [k, v] of outputs) lines.push(`| \`${k}\` | ${cell(v?.description ?? '')} |`);
    lines.push('');
  } else lines.push('_No outputs._', '');
  return lines.join('\n');
}

export function renderActionReference(files: readonly ActionFile[], owner: string): string {
  const sorted = [...files].sort((a, b) => a.name.localeCompare(b.name));
  return [
    '# Action reference',
    '',
    '<!-- Generated from actions/*/action.yml by `npm run docs:actions`; test/docs/action-reference.test.ts fails when it drifts. Do not edit by hand. -->',
    '',
    `Every action runs from another repository as \`uses: ${owner}/actions/<name>@<sha> # v1.x.y\`;`,
    'paths in inputs are relative to the calling repository (`GITHUB_WORKSPACE`). See the README',
    'for pinning and releases, and [consumer-example/](consumer-example/) for a whole consumer.',
    '',
    ...sorted.map((f) => `- [${f.name}](#${f.name})`),
    '',
    ...sorted.map((f) => renderAction(f, owner)),
  ].join('\n');
}

/** The action.yml of every actions/<name>/ folder of a checkout. */
export function readActionFiles(repoRoot: string): ActionFile[] {
  return readdirSync(join(repoRoot, 'actions'))
    .filter((n) => existsSync(join(repoRoot, 'actions', n, 'action.yml')))
    .map((name) => ({
      name,
      yml: readFileSync(join(repoRoot, 'actions', name, 'action.yml'), 'utf8'),
    }));
}
