/**
 * Phases and their step lists. Sources: the AWSTOE document schema and phase rules
 * (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-use-documents.html#document-schema), checked against
 * the AWS CDK's `ComponentPhaseName`. Phases: a list of {name, steps}, unique names, at least one
 * of build/validate/test, other names warned; steps a list, loop names unique per phase; the
 * references of each step. One step's own settings are checked in step.ts.
 */
import { isMap, isScalar, isSeq, type YAMLMap, type YAMLSeq } from '../yaml/source.js';
import {
  didYouMean,
  field,
  firstAt,
  hasKey,
  oneOf,
  pairs,
  report,
  scalarText,
  uniqueName,
  type Ctx,
} from './context.js';
import { describeNoPhases } from './detect-kind.js';
import { checkLoop } from './loops.js';
import { checkReferences, type RefScope, type StepIndex } from './references.js';
import { checkStep } from './step.js';

const STANDARD = ['build', 'validate', 'test'];
const KNOWN_PHASES = [...STANDARD, 'container-host-test'];
const PHASE_KEYS = ['name', 'steps'];
export function checkPhases(ctx: Ctx, root: YAMLMap, vars: Set<string>): void {
  if (!hasKey(root, 'phases')) {
    report(ctx, root, 'error', 'awstoe/missing-phases', describeNoPhases(root));
    return;
  }
  const phases = field(root, 'phases');
  if (isMap(phases)) {
    const names = phases.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '?')).join(', ');
    report(
      ctx,
      phases,
      'error',
      'awstoe/phases-not-list',
      `\`phases\` is a mapping keyed by phase name (${names}); it must be a list of phases: \`- name: build\` with \`steps:\` under it.`,
    );
    return;
  }
  if (!isSeq(phases)) {
    report(
      ctx,
      phases,
      'error',
      'awstoe/phases-not-list',
      '`phases` must be a list of phases: `- name: build` with `steps:` under it.',
    );
    return;
  }
  const index = indexSteps(phases);
  const seen = new Map<string, unknown>();
  let standard = false;
  phases.items.forEach((phase, pi) => {
    if (!isMap(phase)) {
      report(
        ctx,
        phase,
        'error',
        'awstoe/phase-shape',
        'Each phase must be a mapping with `name` and `steps`.',
      );
      return;
    }
    const name = checkPhaseHeader(ctx, phase, seen);
    if (name && STANDARD.includes(name)) standard = true;
    checkSteps(ctx, phase, pi, vars, index);
  });
  if (!standard) {
    report(
      ctx,
      phases,
      'error',
      'awstoe/no-standard-phase',
      `The document has none of the ${oneOf(STANDARD)} phases, so Image Builder would run nothing. Name a phase \`build\`, \`validate\` or \`test\`.`,
    );
  }
}

function indexSteps(phases: YAMLSeq): StepIndex {
  const index: StepIndex = { phases: [], byName: new Map() };
  phases.items.forEach((phase, pi) => {
    const name = isMap(phase) ? (scalarText(field(phase, 'name')) ?? '') : '';
    const steps = new Map<string, { index: number; action: string; inputs: unknown }>();
    const list = isMap(phase) ? field(phase, 'steps') : undefined;
    if (isSeq(list)) {
      list.items.forEach((s, si) => {
        if (!isMap(s)) return;
        const sn = scalarText(field(s, 'name'));
        if (sn !== undefined && !steps.has(sn))
          steps.set(sn, {
            index: si,
            action: scalarText(field(s, 'action')) ?? '',
            inputs: field(s, 'inputs'),
          });
      });
    }
    index.phases.push({ name, steps });
    if (name && !index.byName.has(name)) index.byName.set(name, pi);
  });
  return index;
}

function checkPhaseHeader(
  ctx: Ctx,
  phase: YAMLMap,
  seen: Map<string, unknown>,
): string | undefined {
  for (const { key, at } of pairs(phase)) {
    if (!PHASE_KEYS.includes(key)) {
      report(
        ctx,
        at,
        'warning',
        'awstoe/unknown-key',
        `\`${key}\` is not a phase setting (a phase has only \`name\` and \`steps\`).${didYouMean(key, PHASE_KEYS)}`,
      );
    }
  }
  const name = uniqueName(
    ctx,
    phase,
    seen,
    {
      rule: 'awstoe/phase-name',
      message: 'Each phase needs a `name` (a string such as `build`, `validate` or `test`).',
    },
    {
      rule: 'awstoe/duplicate-phase',
      message: (phaseName, first) =>
        `The phase \`${phaseName}\` appears twice${first}; phase names must be unique. Merge the steps into one phase.`,
    },
  );
  if (name === undefined) return undefined;
  const nameNode = field(phase, 'name');
  if (!KNOWN_PHASES.includes(name)) {
    const cased = KNOWN_PHASES.find((k) => k === name.toLowerCase());
    report(
      ctx,
      nameNode,
      'warning',
      'awstoe/non-standard-phase',
      cased
        ? `The phase \`${name}\` differs from \`${cased}\` only in case; Image Builder runs only \`${cased}\`. Rename it.`
        : `The phase \`${name}\` is not one Image Builder runs (${oneOf(KNOWN_PHASES)}); AWSTOE runs it only when asked by name.${didYouMean(name, KNOWN_PHASES)}`,
    );
  }
  return name;
}

function checkSteps(
  ctx: Ctx,
  phase: YAMLMap,
  pi: number,
  vars: Set<string>,
  index: StepIndex,
): void {
  const steps = field(phase, 'steps');
  if (!hasKey(phase, 'steps')) {
    report(
      ctx,
      phase,
      'error',
      'awstoe/missing-steps',
      'This phase has no `steps`; add a list of steps (each with `name` and `action`).',
    );
    return;
  }
  if (!isSeq(steps)) {
    report(
      ctx,
      steps,
      'error',
      'awstoe/steps-not-list',
      '`steps` must be a list: `- name: MyStep` with `action:` and `inputs:` under it.',
    );
    return;
  }
  if (steps.items.length === 0) {
    report(
      ctx,
      steps,
      'warning',
      'awstoe/empty-steps',
      'This phase has an empty `steps` list; add a step or remove the phase.',
    );
  }
  const names = new Map<string, unknown>();
  const loopNames = new Map<string, unknown>();
  for (const s of steps.items) {
    if (!isMap(s)) continue;
    const l = field(s, 'loop');
    if (isMap(l)) {
      const n = scalarText(field(l, 'name'));
      if (n !== undefined && !loopNames.has(n)) loopNames.set(n, s);
    }
  }
  const phaseLoopNames = new Set(loopNames.keys());
  const seenLoops = new Map<string, unknown>();
  steps.items.forEach((step, si) => {
    if (!isMap(step)) {
      report(
        ctx,
        step,
        'error',
        'awstoe/step-shape',
        'Each step must be a mapping with `name`, `action` and usually `inputs`.',
      );
      return;
    }
    checkStep(ctx, step, names);
    const own = new Set<string>();
    if (hasKey(step, 'loop')) {
      own.add('loop');
      const { name, nameNode } = checkLoop(ctx, field(step, 'loop'));
      if (name !== undefined) {
        if (seenLoops.has(name)) {
          report(
            ctx,
            nameNode,
            'error',
            'awstoe/duplicate-loop-name',
            `The loop name \`${name}\` is already used in this phase${firstAt(ctx, seenLoops.get(name))}; loop names must be unique per phase.`,
          );
        } else seenLoops.set(name, nameNode);
        own.add(name);
      }
    }
    const scope = { vars, index, phase: pi, step: si, loopNames: own, phaseLoopNames };
    if (hasKey(step, 'inputs')) checkReferences(ctx, field(step, 'inputs'), scope);
    if (hasKey(step, 'if')) checkReferences(ctx, field(step, 'if'), scope);
    const loop = field(step, 'loop');
    if (isMap(loop)) checkLoopReferences(ctx, loop, scope);
  });
}

/**
 * References in a loop's own settings, which resolve before the loop runs: no loop variables there,
 * and no chaining in the `for` bounds or the `forEach` delimiter. Each value is checked once.
 */
function checkLoopReferences(ctx: Ctx, loop: YAMLMap, scope: RefScope): void {
  const outside = { ...scope, loopNames: new Set<string>() };
  const forEach = field(loop, 'forEach');
  if (isMap(forEach)) {
    checkReferences(ctx, field(forEach, 'list'), outside);
    checkReferences(ctx, field(forEach, 'delimiter'), { ...outside, noChaining: true });
  } else checkReferences(ctx, forEach, outside);
  checkReferences(ctx, field(loop, 'for'), { ...outside, noChaining: true });
}
