/**
 * `{{ … }}` references in step inputs, loops and conditions: parameters, constants, loop variables
 * and chaining expressions (`{{ phase.step.inputs[i].field }}`, `{{ phase.step.outputs.field }}`).
 * Sources: variables (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-user-defined-variables.html), input
 * and output chaining (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-use-documents.html#document-chaining),
 * looping constructs (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-looping-constructs.html). A chain must point at a
 * step that already ran (an earlier step, or a step of an earlier phase). A plain scalar that starts
 * with `{` is a YAML flow mapping, so an unquoted leading `{{ X }}` is flagged with its quoted form.
 */
import { isMap, isScalar, isSeq, type YAMLMap } from '../yaml/source.js';
import { ACTIONS } from './actions-table.js';
import { closest, didYouMean, oneOf, report, spanNode, type Ctx } from './context.js';

export interface IndexedStep {
  index: number;
  action: string;
  inputs: unknown;
}

export interface IndexedPhase {
  name: string;
  steps: Map<string, IndexedStep>;
}

export interface StepIndex {
  phases: IndexedPhase[];
  /** First phase index by name. */
  byName: Map<string, number>;
}

export interface RefScope {
  vars: Set<string>;
  index: StepIndex;
  phase: number;
  step: number;
  /** The step's loop names (`loop` and the optional `name`); empty outside a loop. */
  loopNames: Set<string>;
  /** Other loop names of the phase, for a better message. */
  phaseLoopNames: Set<string>;
  /** Inside `for` bounds or a `forEach` delimiter: chaining is not allowed there. */
  noChaining?: boolean;
}

const REF_RE = /\{\{\s*([^{}]*?)\s*\}\}/g;
const IDENT_RE = /^[A-Za-z0-9_-]+$/;
const LOOP_VAR_RE = /^([A-Za-z0-9_-]+)\.(index|value)$/;
const CHAIN_RE =
  /^([A-Za-z0-9_-]+)\.([^.\s[\]]+)\.(inputs|outputs)(?:\[(\d+)\])?\.([A-Za-z0-9_-]+)$/;
const REFERENCE_LIKE_RE = /^[A-Za-z0-9_-]+(?:\.[^.\s[\]]+|\[\d+\])*$/;
const BUILD_STAGE = new Set(['build', 'validate']);
const TEST_STAGE = new Set(['test', 'container-host-test']);

/** Walk a value (inputs, loop, if) and check every `{{ }}` in its string scalars. */
export function checkReferences(ctx: Ctx, node: unknown, scope: RefScope): void {
  if (isScalar(node)) {
    if (typeof node.value === 'string' && node.value.includes('{{'))
      checkString(ctx, node, node.value, scope);
    return;
  }
  if (isMap(node)) {
    if (node.flow && isBraceVariable(node)) {
      const text = ctx.src.text.slice(node.range?.[0] ?? 0, node.range?.[1] ?? 0).trim();
      report(
        ctx,
        node,
        'error',
        'awstoe/unquoted-variable',
        `YAML reads the unquoted \`${text}\` as a nested mapping, not a string. Quote it: \`'${text.replace(/'/g, "''")}'\`.`,
      );
      return;
    }
    for (const p of node.items) checkReferences(ctx, p.value, scope);
    return;
  }
  if (isSeq(node)) for (const item of node.items) checkReferences(ctx, item, scope);
}

/** `{{ X }}` parsed as a flow map whose only key is a flow map: `{ {X: null}: null }`. */
function isBraceVariable(map: YAMLMap): boolean {
  if (map.items.length !== 1) return false;
  const pair = map.items[0];
  if (
    !pair ||
    (pair.value !== null &&
      pair.value !== undefined &&
      !(isScalar(pair.value) && pair.value.value === null))
  )
    return false;
  return isMap(pair.key) && pair.key.flow === true;
}

function checkString(ctx: Ctx, node: unknown, text: string, scope: RefScope): void {
  const range = (node as { range?: [number, number, number] }).range;
  const source = range ? ctx.src.text.slice(range[0], range[1]) : '';
  let from = 0;
  REF_RE.lastIndex = 0;
  for (let m = REF_RE.exec(text); m; m = REF_RE.exec(text)) {
    // Point at the reference itself: in a block scalar (`- |` command lists) that is its own line,
    // not the line of the `|`. The raw text appears as written unless an escape or a fold split it.
    const i = range ? source.indexOf(m[0], from) : -1;
    const at = i >= 0 ? spanNode(range![0] + i, m[0].length) : node;
    if (i >= 0) from = i + m[0].length;
    checkRef(ctx, at, (m[1] ?? '').trim(), scope);
  }
}

function checkRef(ctx: Ctx, node: unknown, ref: string, scope: RefScope): void {
  if (IDENT_RE.test(ref)) {
    if (scope.vars.has(ref)) return;
    const hint = didYouMean(ref, [...scope.vars]);
    report(
      ctx,
      node,
      'error',
      'awstoe/undefined-variable',
      `\`{{ ${ref} }}\` is not a parameter or constant of this document.${hint || ' Define it under `parameters` or `constants` (names are case-sensitive).'}`,
    );
    return;
  }
  const loop = LOOP_VAR_RE.exec(ref);
  if (loop) return checkLoopRef(ctx, node, ref, loop[1] ?? '', scope);
  const chain = CHAIN_RE.exec(ref);
  if (chain) {
    if (scope.noChaining) {
      report(
        ctx,
        node,
        'error',
        'awstoe/loop-chaining',
        `\`{{ ${ref} }}\`: chaining is not allowed in \`for\` bounds or a \`forEach\` delimiter. Use a literal value.`,
      );
      return;
    }
    const [, phase = '', step = '', kind = '', index, fieldName = ''] = chain;
    return checkChain(
      ctx,
      node,
      ref,
      {
        phase,
        step,
        kind,
        index: index === undefined ? undefined : Number(index),
        field: fieldName,
      },
      scope,
    );
  }
  // Other `{{ … }}` (Go templates such as `{{.Id}}`, Jinja) are not AWSTOE syntax and are left alone.
  if (REFERENCE_LIKE_RE.test(ref)) {
    report(
      ctx,
      node,
      'error',
      'awstoe/bad-reference',
      `\`{{ ${ref} }}\` is neither a variable, a loop variable (\`loop.value\`) nor a chaining expression (\`phase.step.inputs[0].field\` or \`phase.step.outputs.field\`). Fix the reference.`,
    );
  }
}

function checkLoopRef(ctx: Ctx, node: unknown, ref: string, name: string, scope: RefScope): void {
  if (scope.loopNames.has(name)) return;
  if (name === 'loop' || scope.phaseLoopNames.has(name)) {
    report(
      ctx,
      node,
      'warning',
      'awstoe/loop-variable-outside-loop',
      `\`{{ ${ref} }}\` is used outside its loop; loop variables resolve only in the same step's inputs and are otherwise left as text. Add a \`loop\` to this step or remove the reference.`,
    );
    return;
  }
  report(
    ctx,
    node,
    'error',
    'awstoe/undefined-variable',
    `\`{{ ${ref} }}\` names no loop of this step (use \`loop.${ref.split('.')[1] ?? 'value'}\` or the step's \`loop.name\`).`,
  );
}

interface Chain {
  phase: string;
  step: string;
  kind: string;
  index?: number;
  field: string;
}

function checkChain(ctx: Ctx, node: unknown, ref: string, c: Chain, scope: RefScope): void {
  const phaseIdx = scope.index.byName.get(c.phase);
  const phase = phaseIdx === undefined ? undefined : scope.index.phases[phaseIdx];
  if (phaseIdx === undefined || !phase) {
    const names = scope.index.phases.map((p) => p.name);
    report(
      ctx,
      node,
      'error',
      'awstoe/chaining-unknown-step',
      `\`{{ ${ref} }}\` refers to phase \`${c.phase}\`, which this document does not have.${didYouMean(c.phase, names)}`,
    );
    return;
  }
  const target = phase.steps.get(c.step);
  if (!target) {
    const near = closest(c.step, [...phase.steps.keys()]);
    report(
      ctx,
      node,
      'error',
      'awstoe/chaining-unknown-step',
      `\`{{ ${ref} }}\` refers to step \`${c.step}\`, which phase \`${c.phase}\` does not have.${near ? ` Did you mean \`${near}\`?` : ''}`,
    );
    return;
  }
  if (phaseIdx > scope.phase || (phaseIdx === scope.phase && target.index >= scope.step)) {
    report(
      ctx,
      node,
      'error',
      'awstoe/chaining-later-step',
      `\`{{ ${ref} }}\` refers to step \`${c.phase}.${c.step}\`, which has not run yet at this point; a chain can only read a step that runs earlier. Move that step before this one.`,
    );
    return;
  }
  const here = scope.index.phases[scope.phase]?.name ?? '';
  if (TEST_STAGE.has(here) && BUILD_STAGE.has(c.phase)) {
    report(
      ctx,
      node,
      'warning',
      'awstoe/chaining-across-stages',
      `\`{{ ${ref} }}\` chains from the \`${here}\` phase into \`${c.phase}\`; Image Builder runs its build and test stages separately, so this cannot resolve there. Repeat the step in \`${here}\`.`,
    );
  }
  if (c.kind === 'outputs') {
    if (c.index !== undefined) {
      report(
        ctx,
        node,
        'error',
        'awstoe/chaining-output',
        `\`{{ ${ref} }}\`: outputs are not indexed; write \`{{ ${c.phase}.${c.step}.outputs.${c.field} }}\`.`,
      );
      return;
    }
    const spec = ACTIONS[target.action];
    if (!spec || spec.outputs === '*' || spec.outputs.includes(c.field)) return;
    report(
      ctx,
      node,
      'error',
      'awstoe/chaining-output',
      spec.outputs.length === 0
        ? `\`{{ ${ref} }}\`: the ${target.action} action has no outputs to chain. Read what you need with a step that has outputs (e.g. ExecuteBash \`stdout\`).`
        : `\`{{ ${ref} }}\`: ${target.action} has no output \`${c.field}\`; it has ${oneOf(spec.outputs)}.`,
    );
    return;
  }
  checkChainedInput(ctx, node, ref, c, target.inputs);
}

function checkChainedInput(ctx: Ctx, node: unknown, ref: string, c: Chain, inputs: unknown): void {
  const base = `${c.phase}.${c.step}.inputs`;
  let holder: unknown = inputs;
  if (c.index !== undefined) {
    if (!isSeq(inputs)) {
      report(
        ctx,
        node,
        'error',
        'awstoe/chaining-input',
        `\`{{ ${ref} }}\`: the inputs of \`${c.phase}.${c.step}\` are not a list; write \`{{ ${base}.${c.field} }}\`.`,
      );
      return;
    }
    holder = inputs.items[c.index];
    if (holder === undefined) {
      report(
        ctx,
        node,
        'error',
        'awstoe/chaining-input',
        `\`{{ ${ref} }}\`: \`${c.phase}.${c.step}\` has ${inputs.items.length} input entries, so index ${c.index} does not exist (indexes start at 0).`,
      );
      return;
    }
  } else if (isSeq(inputs)) {
    report(
      ctx,
      node,
      'error',
      'awstoe/chaining-input',
      `\`{{ ${ref} }}\`: the inputs of \`${c.phase}.${c.step}\` are a list; add the entry index: \`{{ ${base}[0].${c.field} }}\`.`,
    );
    return;
  }
  if (!isMap(holder)) return;
  if (!holder.items.some((p) => isScalar(p.key) && p.key.value === c.field)) {
    const keys = holder.items
      .map((p) => (isScalar(p.key) ? String(p.key.value) : ''))
      .filter(Boolean);
    report(
      ctx,
      node,
      'error',
      'awstoe/chaining-input',
      `\`{{ ${ref} }}\`: that input has no \`${c.field}\` (it has ${keys.length ? oneOf(keys) : 'no keys'}).`,
    );
  }
}
