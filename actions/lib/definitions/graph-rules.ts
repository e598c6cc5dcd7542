/**
 * Repository-level rules on the image graph (`parentImage: image:<name>`): the parent exists, the
 * parents form no cycle, a parent has the child's platform and architecture, a child never publishes
 * to its parent's SSM parameter, and no two builds share a target name or an SSM parameter. Each
 * finding is at the line of the `parentImage` (or `ssmParameter`) that causes it.
 */
import type { Finding } from '../core/findings.js';
import { didYouMean } from '../core/suggest.js';
import type { YamlSource } from '../yaml/source.js';
import { cycleText, imageGraph } from './graph.js';
import {
  buildTargets,
  imageParentName,
  parentBuildTarget,
  parentPath,
  parentPathOf,
} from './targets.js';
import type { ImageDefinition } from './types.js';
import { findingAtPath, type JsonPath } from './yaml-path.js';

export interface LoadedDefinitionSource {
  definition: ImageDefinition;
  source: YamlSource;
}

function parentRules(
  { definition: d, source }: LoadedDefinitionSource,
  byName: ReadonlyMap<string, ImageDefinition>,
  inCycle: ReadonlySet<string>,
): Finding[] {
  const out: Finding[] = [];
  const err = (path: JsonPath, rule: string, message: string) =>
    out.push(findingAtPath(source, path, 'error', rule, message));
  const usesOfSingle = new Map<string, number>();
  for (const t of buildTargets(d)) {
    const name = imageParentName(t.parentImage);
    if (name === undefined) continue;
    const at = parentPath(d, t);
    const parent = byName.get(name);
    if (!parent) {
      const names = [...byName.keys()].filter((n) => n !== d.name).sort();
      err(
        at,
        'definition/unknown-parent',
        `Parent \`image:${name}\` names no image definition.${didYouMean(name, names)} Images defined: ${names.length ? names.join(', ') : '(none other)'}. Fix the name, or add components/images/${name}.yml.`,
      );
      continue;
    }
    if (inCycle.has(d.name)) continue; // reported per cycle below (a self-parent is a cycle too)
    if (parent.platform !== d.platform) {
      err(
        at,
        'definition/parent-platform',
        `\`${d.name}\` is a ${d.platform} image but its parent \`${name}\` (${parent.file}) is ${parent.platform}; Image Builder takes the platform from the parent and refuses the recipe. Build on a ${d.platform} parent, or change \`platform:\`.`,
      );
      continue;
    }
    const pt = parentBuildTarget(parent, t.architecture);
    if (!pt) {
      const built = (parent.architectures ?? []).map((a) => a.name).join(', ');
      err(
        at,
        'definition/parent-architecture',
        t.architecture
          ? `Parent \`${name}\` does not build ${t.architecture} (its architectures: ${built}), so this ${t.architecture} build has no parent AMI. Add ${t.architecture} to ${parent.file}, or give this entry another parentImage.`
          : `Parent \`${name}\` builds several architectures (${built}); list \`architectures:\` here to choose which this image is built for.`,
      );
      continue;
    }
    if (!parent.architectures?.length && t.architecture) {
      const n = (usesOfSingle.get(name) ?? 0) + 1;
      usesOfSingle.set(name, n);
      if (n > 1)
        err(
          at,
          'definition/parent-architecture',
          `Parent \`${name}\` lists no architectures, so it is one AMI of one architecture; ${t.architecture} cannot also be built on it. List \`architectures:\` in ${parent.file}, or give this entry another parentImage.`,
        );
    }
    const clash = buildTargets(parent).find((p) => p.ssmParameter === t.ssmParameter);
    if (clash)
      err(
        ['ssmParameter'],
        'definition/parent-ssm-parameter',
        `This image would publish ${t.target} to \`${t.ssmParameter}\`, the SSM parameter its parent \`${name}\` publishes to (${parent.file}): the child would overwrite the AMI it is built on. Give \`${d.name}\` its own ssmParameter, e.g. /golden-ami/${d.name}.`,
      );
  }
  return out;
}

/** Findings for every cycle, at the parentImage of each image in it. */
function cycleRules(
  all: readonly LoadedDefinitionSource[],
  cycles: readonly string[][],
): Finding[] {
  const out: Finding[] = [];
  for (const cycle of cycles) {
    const text = cycleText(cycle);
    for (const name of new Set(cycle)) {
      // The graph's names come from these definitions, so the find succeeds.
      const entry = all.find((l) => l.definition.name === name)!;
      const next = cycle[cycle.indexOf(name) + 1]!;
      out.push(
        findingAtPath(
          entry.source,
          parentPathOf(entry.definition, next),
          'error',
          'definition/parent-cycle',
          `Image parents form a cycle: ${text} (each built on the next), so no image of it can be built first. Break it: give one of them a parent outside the cycle (an ssm: parameter, an image ARN or an AMI id).`,
        ),
      );
    }
  }
  return out;
}

/** Two definitions whose builds share a target name or an SSM parameter (beyond equal ssmParameter:, reported elsewhere). */
function targetClashes(all: readonly LoadedDefinitionSource[]): Finding[] {
  const out: Finding[] = [];
  const names = new Map<string, ImageDefinition>();
  const params = new Map<string, ImageDefinition>();
  for (const { definition: d, source } of all) {
    for (const t of buildTargets(d)) {
      const owner = names.get(t.target);
      if (owner && owner.name !== d.name)
        out.push(
          findingAtPath(
            source,
            t.architecture ? ['architectures'] : ['name'],
            'error',
            'definition/duplicate-target',
            `Build \`${t.target}\` of \`${d.name}\` has the name of a build of \`${owner.name}\` (${owner.file}); job names and concurrency groups would collide. Rename one image.`,
          ),
        );
      else names.set(t.target, d);
      const prior = params.get(t.ssmParameter);
      if (prior && prior.name !== d.name && prior.ssmParameter !== d.ssmParameter)
        out.push(
          findingAtPath(
            source,
            ['ssmParameter'],
            'error',
            'definition/duplicate-ssm-parameter',
            `Build \`${t.target}\` publishes to \`${t.ssmParameter}\`, which \`${prior.name}\` (${prior.file}) also publishes to; each build needs its own parameter. Change ssmParameter of one.`,
          ),
        );
      else if (!prior) params.set(t.ssmParameter, d);
    }
  }
  return out;
}

export function graphFindings(all: readonly LoadedDefinitionSource[]): Finding[] {
  const byName = new Map<string, ImageDefinition>();
  for (const l of all)
    if (!byName.has(l.definition.name)) byName.set(l.definition.name, l.definition);
  const { cycles } = imageGraph([...byName.values()]);
  const inCycle = new Set(cycles.flat());
  return [
    ...all.flatMap((l) => parentRules(l, byName, inCycle)),
    ...cycleRules(all, cycles),
    ...targetClashes(all),
  ];
}
