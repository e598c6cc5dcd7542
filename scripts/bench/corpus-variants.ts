#!/usr/bin/env -S npx tsx
/**
 * Writes the one-mistake variants of the public corpus (test/fixtures/corpus/*\/broken/) from its
 * valid documents: each variant changes one line of one real document, in a way AWSTOE or
 * CloudFormation refuses, and says on its first line which line the mistake is on:
 *
 *   # expect-error-line: 23 (mutation: action-typo; from components/valid/x.yml)
 *
 * The expected line comes from where the mutation was made, never from the validator's output, so
 * the corpus test (test/validate/corpus.test.ts) measures the validator. Deterministic: re-running
 * rewrites the same files. Run: npx tsx scripts/bench/corpus-variants.ts
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { LineCounter, parseDocument, Scalar, visit } from 'yaml';

export const CORPUS = fileURLToPath(new URL('../../test/fixtures/corpus/', import.meta.url));

export interface Variant {
  text: string;
  /** 1-based line of the mistake in `text` (the header line included). */
  line: number;
  mutation: string;
}

/**
 * `lines`: the document with data lines (block scalars) blanked to `#`, for matching; `raw`: as
 * written. Returns the whole new text's lines and the 0-based index of the mistake's line.
 */
type Mutation = (lines: string[], raw: string[]) => { lines: string[]; index: number } | undefined;

/** Replace the first line matching `re` (from line `from`) by `edit(line)`. */
function onFirst(re: RegExp, edit: (line: string) => string, from = 0): Mutation {
  return (lines, raw) => {
    for (let i = from; i < lines.length; i++) {
      const l = lines[i]!;
      if (re.test(l) && !/^\s*#/.test(l)) {
        const out = [...raw];
        out[i] = edit(l);
        return out[i] === l ? undefined : { lines: out, index: i };
      }
    }
    return undefined;
  };
}

/** The line index of each step's `- name:` (a `- name:` followed, at +2 indentation, by `action:`). */
function stepNameLines(lines: string[]): { index: number; indent: number; name: string }[] {
  const out: { index: number; indent: number; name: string }[] = [];
  lines.forEach((l, i) => {
    const m = /^(\s*)- name:\s*(.+?)\s*$/.exec(l);
    if (!m) return;
    const indent = m[1]!.length;
    for (let j = i + 1; j < Math.min(lines.length, i + 12); j++) {
      const n = lines[j]!;
      if (/^\s*(#|$)/.test(n)) continue;
      const ind = /^\s*/.exec(n)![0].length;
      if (ind !== indent + 2) break;
      if (/^\s*action:/.test(n)) {
        out.push({ index: i, indent, name: m[2]! });
        break;
      }
    }
  });
  return out;
}

const duplicateStep: Mutation = (lines, raw) => {
  const steps = stepNameLines(lines);
  for (let k = 1; k < steps.length; k++) {
    const [a, b] = [steps[k - 1]!, steps[k]!];
    if (a.indent !== b.indent || a.name === b.name) continue;
    // Same steps list: no line between them indented less than the steps' dash.
    const between = lines.slice(a.index + 1, b.index);
    if (
      between.some((l) => /\S/.test(l) && !/^\s*#/.test(l) && /^\s*/.exec(l)![0].length < a.indent)
    )
      continue;
    const out = [...raw];
    out[b.index] = lines[b.index]!.replace(/- name:\s*.+$/, `- name: ${a.name}`);
    return { lines: out, index: b.index };
  }
  return undefined;
};

/** A `{{ Name }}` of a parameter or constant, misspelt: also inside block scalars (`- |` scripts). */
const undefinedVariable: Mutation = (_lines, raw) => {
  for (let i = 0; i < raw.length; i++) {
    const m = /\{\{\s*([A-Za-z][A-Za-z0-9_-]{2,})\s*\}\}/.exec(raw[i]!);
    if (!m || /^\s*#/.test(raw[i]!)) continue;
    const out = [...raw];
    out[i] = raw[i]!.replace(m[0], `{{ ${m[1]}Typo }}`);
    return { lines: out, index: i };
  }
  return undefined;
};

/** In `constants:`, a constant's `value:` written `default:` (a parameter's setting). */
const constantDefault: Mutation = (lines, raw) => {
  const start = lines.findIndex((l) => /^constants:\s*$/.test(l));
  if (start < 0) return undefined;
  for (let i = start + 1; i < lines.length && !/^\S/.test(lines[i]!); i++) {
    if (/^\s+value:/.test(lines[i]!)) {
      const out = [...raw];
      out[i] = raw[i]!.replace('value:', 'default:');
      return { lines: out, index: i };
    }
  }
  return undefined;
};

/** A one-item list property (`SecurityGroupIds:` then `- !Ref Sg`) collapsed to that one value. */
const listToScalar: Mutation = (lines, raw) => {
  for (let i = 0; i + 1 < lines.length; i++) {
    const key =
      /^(\s*)(SecurityGroupIds|Subnets|SubnetIds|ManagedPolicyArns|SecurityGroups):\s*$/.exec(
        lines[i]!,
      );
    const item = /^\s*- (!(Ref|GetAtt) \S+)\s*$/.exec(lines[i + 1] ?? '');
    const next = lines[i + 2] ?? '';
    if (!key || !item || /^\s*- /.test(next)) continue;
    const out = [...raw];
    out.splice(i, 2, `${key[1]}${key[2]}: ${item[1]}`);
    return { lines: out, index: i };
  }
  return undefined;
};

const tabIndent: Mutation = (lines) => {
  const steps = stepNameLines(lines);
  const s = steps[0];
  if (!s) return undefined;
  const i = s.index + 1;
  const out = [...lines];
  out[i] = lines[i]!.replace(/^( +)/, '\t');
  return { lines: out, index: i };
};

export const COMPONENT_MUTATIONS: Record<string, Mutation> = {
  'action-typo': onFirst(/^\s*(- )?action:\s*[A-Z]\w+\s*$/, (l) => l.replace(/(\w+)\s*$/, '$1x')),
  'duplicate-step': duplicateStep,
  'undefined-variable': undefinedVariable,
  'on-failure-value': onFirst(/^\s*onFailure:\s*\w+/, (l) =>
    l.replace(/onFailure:\s*\w+/, 'onFailure: Stop'),
  ),
  'commands-key-typo': onFirst(/^\s*commands:\s*$/, (l) => l.replace('commands:', 'command:')),
  'inputs-key-typo': onFirst(/^\s*inputs:\s*$/, (l) => l.replace('inputs:', 'input:')),
  'timeout-zero': onFirst(/^\s*timeoutSeconds:\s*-?\d+/, (l) => l.replace(/-?\d+/, '0')),
  'schema-version': onFirst(/^schemaVersion:/, () => 'schemaVersion: 2.0'),
  'tab-indent': tabIndent,
  'constant-default': constantDefault,
  'phase-name-missing': onFirst(/^\s*- name:\s*(build|validate|test)\s*$/, (l) =>
    l.replace('- name:', '- nme:'),
  ),
};

export const TEMPLATE_MUTATIONS: Record<string, Mutation> = {
  'list-to-scalar': listToScalar,
  'resource-type-typo': onFirst(
    /^\s*"?Type"?\s*:\s*"?AWS::[A-Za-z0-9]+::[A-Za-z0-9]+"?,?\s*$/,
    (l) => l.replace(/(AWS::[A-Za-z0-9]+::[A-Za-z0-9]+)/, '$1Typo'),
  ),
  'ref-typo': onFirst(
    /(!Ref\s+[A-Za-z][A-Za-z0-9]+\s*$|"Ref"\s*:\s*"[A-Za-z][A-Za-z0-9]+")/,
    (l) => (/AWS::/.test(l) ? l : l.replace(/(!Ref\s+|"Ref"\s*:\s*")([A-Za-z0-9]+)/, '$1$2Typo')),
  ),
  'getatt-attribute-typo': onFirst(/!GetAtt\s+[A-Za-z0-9]+\.[A-Za-z0-9.]+\s*$/, (l) =>
    l.replace(/(!GetAtt\s+[A-Za-z0-9]+\.[A-Za-z0-9.]+)/, '$1Typo'),
  ),
  'deletion-policy': onFirst(
    /^\s*"?(DeletionPolicy|UpdateReplacePolicy)"?\s*:\s*"?(Retain|Delete|Snapshot)"?/,
    (l) => l.replace(/(Retain|Delete|Snapshot)/, 'Keep'),
  ),
  'format-version': onFirst(/^\s*"?AWSTemplateFormatVersion"?\s*:/, (l) =>
    l.replace(/2010-09-09/, '2010-09-10'),
  ),
};

/**
 * 0-based indexes of the lines inside block scalars (`|`, `>`) and multi-line quoted strings: text
 * there is data (a script, an embedded template), so a mutation there is no mistake of the document.
 */
function dataLines(text: string): Set<number> {
  const out = new Set<number>();
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, strict: false, uniqueKeys: false });
  visit(doc, {
    Scalar(_k, node: Scalar) {
      if (!node.range) return;
      const a = lc.linePos(node.range[0]).line;
      const b = lc.linePos(node.range[1]).line;
      const block = node.type === Scalar.BLOCK_LITERAL || node.type === Scalar.BLOCK_FOLDED;
      for (let l = block ? a : a + 1; l <= b; l++) out.add(l - 1);
    },
  });
  return out;
}

/** The first applicable mutation, starting at `start` in the list (so documents spread over kinds). */
export function makeVariant(
  text: string,
  mutations: Record<string, Mutation>,
  start: number,
): Variant | undefined {
  const names = Object.keys(mutations);
  const lines = text.split('\n');
  const data = dataLines(text);
  // Mutate only lines of the document's own structure: data lines are hidden from the matchers.
  const visible = lines.map((l, i) => (data.has(i) ? '#' : l));
  for (let k = 0; k < names.length; k++) {
    const name = names[(start + k) % names.length]!;
    const r = mutations[name]!(visible, lines);
    if (r) return { text: r.lines.join('\n'), line: r.index + 2, mutation: name };
  }
  return undefined;
}

function main(): void {
  for (const [kind, mutations] of [
    ['components', COMPONENT_MUTATIONS],
    ['templates', TEMPLATE_MUTATIONS],
  ] as const) {
    const out = join(CORPUS, kind, 'broken');
    rmSync(out, { recursive: true, force: true });
    mkdirSync(out, { recursive: true });
    readdirSync(join(CORPUS, kind, 'valid'))
      .sort()
      .forEach((name, i) => {
        const text = readFileSync(join(CORPUS, kind, 'valid', name), 'utf8');
        const v = makeVariant(text, mutations, i);
        if (!v) return;
        const header = `# expect-error-line: ${v.line} (mutation: ${v.mutation}; from ${kind}/valid/${name})\n`;
        writeFileSync(join(out, name), header + v.text);
      });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
