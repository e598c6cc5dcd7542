/**
 * `plan`: which images to build for an event, and why. Pure: the changed files, the event and the
 * image graph come in; the images with their reasons and builds go out, parents first (the matrix
 * rows are in plan-matrix.ts). A rebuilt parent rebuilds every image built on it, transitively.
 */
import { ConfigurationError } from '../core/errors.js';
import type { Position } from '../core/findings.js';
import { cycleText, type ImageGraph, type ImageNode } from './graph.js';
import { didYouMean } from '../core/suggest.js';
import {
  buildTargets,
  imageParentName,
  parentBuildTarget,
  parentPathOf,
  stackArchitecture,
} from './targets.js';
import type { BuildTarget, ImageDefinition } from './types.js';
import type { JsonPath } from './yaml-path.js';
import { EXCEPTIONS_FILE as SCAN_EXCEPTIONS_FILE } from '../scan/paths.js';

export const EVENT_KINDS = ['push', 'pull_request', 'workflow_dispatch', 'schedule'] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export interface PlanInput {
  event: EventKind;
  /** Repository-relative paths changed by the push or pull request; 'unknown' when git cannot tell. */
  changedFiles?: readonly string[] | 'unknown';
  /** Why the changed files are unknown (first push, force-push...), for the summary. */
  unknownReason?: string;
  /** `all` (or empty) or one image name: restricts the plan to that image. */
  image?: string;
  /** Rebuild every selected image whatever changed. */
  force?: boolean;
  definitions: readonly ImageDefinition[];
  /** `imageGraph(definitions)`. */
  graph: ImageGraph;
  /** Whether a repository file exists; when given, a definition naming a missing component is an error. */
  exists?: (file: string) => boolean;
  /** Where a path is in a definition file, for error messages. */
  locate?: (file: string, path: JsonPath) => Position | undefined;
}

/** One build of a planned image (one per architecture listed, else one). */
export interface PlanTarget extends BuildTarget {
  /** Definition name of an `image:` parent, else ''. */
  parent: string;
  /** That parent's SSM parameter for this architecture, else ''. */
  parentSsmParameter: string;
  /** The parent is rebuilt in this same run: wait for the AMI it publishes with this run's label. */
  parentRebuild: boolean;
  /** This target's AMI is the one the image's stack deploys. */
  deploysStack: boolean;
}

export interface PlanEntry {
  image: string;
  /** The definition file. */
  definition: string;
  /** Why this image is in the plan, one sentence each. */
  reasons: string[];
  /** Component files of this image that changed. */
  changedComponents: string[];
  /** Build a new AMI (false when only the stack template changed). */
  rebuild: boolean;
  /** Deploy the image's stack (a new AMI or a changed template). */
  redeploy: boolean;
  /** Definitions this image is built on (`image:` parents). */
  parents: string[];
  /** Its builds, in the definition's architecture order. */
  targets: PlanTarget[];
  /** Stack name, when the image has an app stack. */
  stack?: string;
  /** The definition's `ssmParameter` (each target publishes to its own, see `targets`). */
  ssmParameter?: string;
  /** The app stack's template and parameter values. */
  stackTemplate?: string;
  stackParameters?: Record<string, string>;
}

export interface Plan {
  entries: PlanEntry[];
  /** One sentence: why this set of images. */
  summary: string;
  changedFiles: string[] | 'unknown';
  /** Changed files that feed no image (docs, workflows, unused components...). */
  unrelatedFiles: string[];
}

function normalize(file: string): string {
  return file.replace(/^\.\//, '');
}

function checkComponentsExist(input: PlanInput): void {
  if (!input.exists) return;
  for (const d of input.definitions) {
    d.components.forEach((c, i) => {
      if (c.kind !== 'file' || input.exists!(c.file)) return;
      const at = input.locate?.(d.file, ['components', i, 'file']);
      throw new ConfigurationError(
        `Image \`${d.name}\` uses component \`${c.file}\`, which does not exist (deleted or renamed?). Restore the file, or update \`components:\` in ${d.file}.`,
        { file: d.file, line: at?.line, column: at?.column },
      );
    });
  }
}

function selectImages(graph: ImageGraph, image: string | undefined): ImageNode[] {
  if (!image || image === 'all') return graph.images;
  const node = graph.images.find((n) => n.image === image);
  if (node) return [node];
  const names = graph.images.map((n) => n.image);
  throw new ConfigurationError(
    `Unknown image \`${image}\`.${didYouMean(image, names)} Valid images: ${names.length ? names.join(', ') : '(none defined)'}, or \`all\`.`,
  );
}

/** A parent cycle or an unknown parent makes no order; validate reports them at their lines. */
function checkGraph(input: PlanInput): void {
  const cycle = input.graph.cycles[0];
  if (cycle) {
    // At the first image's parentImage that points along the cycle.
    const d = input.definitions.find((x) => x.name === cycle[0])!;
    const at = input.locate?.(d.file, parentPathOf(d, cycle[1]!));
    throw new ConfigurationError(
      `Image parents form a cycle: ${cycleText(cycle)} (each built on the next), so no image of it can be built first. Give one of them a parent outside the cycle.`,
      { file: d.file, line: at?.line, column: at?.column },
    );
  }
  const names = new Set(input.graph.images.map((n) => n.image));
  for (const d of input.definitions) {
    const n = input.graph.images.find((x) => x.image === d.name)!;
    const missing = n.parents.find((p) => !names.has(p));
    if (missing === undefined) continue;
    const at = input.locate?.(n.definition, parentPathOf(d, missing));
    throw new ConfigurationError(
      `Image \`${n.image}\` is built on \`image:${missing}\`, which names no image definition.${didYouMean(missing, [...names])} Fix the name in ${n.definition}.`,
      { file: n.definition, line: at?.line, column: at?.column },
    );
  }
}

/** The builds of `d`, each with its parent's build and whether that parent is rebuilt in this run. */
function planTargets(
  d: ImageDefinition,
  byName: ReadonlyMap<string, ImageDefinition>,
  rebuiltInRun: ReadonlySet<string>,
): PlanTarget[] {
  const stackArch = stackArchitecture(d);
  return buildTargets(d).map((t) => {
    const parent = imageParentName(t.parentImage) ?? '';
    const parentDef = parent ? byName.get(parent) : undefined;
    return {
      ...t,
      parent,
      parentSsmParameter: parentDef
        ? (parentBuildTarget(parentDef, t.architecture)?.ssmParameter ?? '')
        : '',
      parentRebuild: parent !== '' && rebuiltInRun.has(parent),
      deploysStack: !!d.stack && t.architecture === stackArch,
    };
  });
}

interface Draft {
  node: ImageNode;
  reasons: string[];
  changedComponents: string[];
  rebuild: boolean;
  templateChanged: boolean;
}

function entry(
  draft: Draft,
  byName: ReadonlyMap<string, ImageDefinition>,
  rebuiltInRun: ReadonlySet<string>,
): PlanEntry {
  const { node, reasons, changedComponents, rebuild, templateChanged } = draft;
  const d = byName.get(node.image);
  return {
    image: node.image,
    definition: node.definition,
    reasons,
    changedComponents,
    rebuild,
    redeploy: !!node.stackTemplate && (rebuild || templateChanged),
    parents: node.parents,
    targets: d ? planTargets(d, byName, rebuiltInRun) : [],
    ...(d ? { ssmParameter: d.ssmParameter } : {}),
    ...(d?.stack
      ? {
          stack: d.stack.name,
          stackTemplate: d.stack.template,
          stackParameters: d.stack.parameters,
        }
      : {}),
  };
}

/** Why every selected image is built, or undefined when the changed files decide. */
function everythingReason(input: PlanInput): string | undefined {
  const selected = !input.image || input.image === 'all' ? 'every image' : 'this image';
  if (input.force) return `Forced rebuild of ${selected} (force: true).`;
  if (input.event === 'schedule')
    return `Scheduled rebuild of ${selected} (picks up OS and package updates).`;
  if (input.event === 'workflow_dispatch') return `Manual run (workflow_dispatch) for ${selected}.`;
  if (input.changedFiles === undefined || input.changedFiles === 'unknown') {
    return `Changed files unknown (${input.unknownReason ?? 'no commit range'}): rebuilding ${selected} to be safe.`;
  }
  return undefined;
}

/** The image's own reasons: its definition, components, stack template or the scan exceptions changed. */
function directDraft(node: ImageNode, files: readonly string[], used: Set<string>): Draft {
  const reasons: string[] = [];
  const changedComponents = node.componentFiles.filter((f) => files.includes(f));
  const definitionChanged = files.includes(node.definition);
  const templateChanged = !!node.stackTemplate && files.includes(node.stackTemplate);
  if (definitionChanged) reasons.push(`Image definition changed (${node.definition}).`);
  for (const f of changedComponents) reasons.push(`Component changed: ${f}.`);
  if (templateChanged) reasons.push(`Stack template changed: ${node.stackTemplate} (redeploy).`);
  // An accepted (or withdrawn) vulnerability can change any image's scan verdict: rebuild, the gate decides.
  const exceptionsChanged = files.includes(SCAN_EXCEPTIONS_FILE);
  if (exceptionsChanged) {
    reasons.push(`Scan exceptions changed (${SCAN_EXCEPTIONS_FILE}): the scan gate decides again.`);
    used.add(SCAN_EXCEPTIONS_FILE);
  }
  for (const f of [
    node.definition,
    ...changedComponents,
    ...(templateChanged ? [node.stackTemplate!] : []),
  ])
    used.add(f);
  const rebuild = definitionChanged || changedComponents.length > 0 || exceptionsChanged;
  return { node, reasons, changedComponents, rebuild, templateChanged };
}

/** `Component changed: x.yml.` → `component changed: x.yml`, to quote inside a child's reason. */
function quoteReason(reason: string): string {
  return reason.charAt(0).toLowerCase() + reason.slice(1).replace(/\.$/, '');
}

/**
 * Walks the graph parents first: an image is rebuilt when it changed or any parent is rebuilt, with
 * a reason naming the parent and why; its own reasons come first.
 */
function transitiveDrafts(graph: ImageGraph, files: readonly string[], used: Set<string>): Draft[] {
  const drafts = new Map<string, Draft>();
  for (const node of graph.images) {
    const draft = directDraft(node, files, used);
    for (const p of node.parents) {
      const parent = drafts.get(p);
      if (!parent?.rebuild) continue;
      const why = parent.reasons.filter((r) => !r.startsWith('Stack template changed'));
      draft.reasons.push(
        `Parent \`${p}\` is rebuilt (${why.map(quoteReason).join('; ')}): this image is built on its new AMI.`,
      );
      draft.rebuild = true;
    }
    drafts.set(node.image, draft);
  }
  return graph.images.map((n) => drafts.get(n.image)!);
}

export function planImages(input: PlanInput): Plan {
  checkComponentsExist(input);
  checkGraph(input);
  const selected = selectImages(input.graph, input.image);
  const byName = new Map(input.definitions.map((d) => [d.name, d]));
  const changed =
    input.changedFiles === undefined || input.changedFiles === 'unknown'
      ? 'unknown'
      : [...new Set(input.changedFiles.map(normalize))].sort();

  const all = everythingReason(input);
  const used = new Set<string>();
  const files = changed === 'unknown' ? [] : changed;
  // Walk every image (not only the selected) so `unrelatedFiles` does not depend on the selection.
  const drafts =
    all !== undefined
      ? input.graph.images.map((node): Draft => ({
          node,
          reasons: [all],
          changedComponents: [],
          rebuild: true,
          templateChanged: false,
        }))
      : transitiveDrafts(input.graph, files, used);
  const planned = drafts.filter((d) => d.reasons.length && selected.includes(d.node));
  const rebuiltInRun = new Set(planned.filter((d) => d.rebuild).map((d) => d.node.image));
  for (const d of planned) notInRun(d, rebuiltInRun);
  const entries = planned.map((d) => entry(d, byName, rebuiltInRun));
  if (all !== undefined)
    return { entries, summary: all, changedFiles: changed, unrelatedFiles: [] };

  const unrelatedFiles = files.filter((f) => !used.has(f));
  const n = files.length;
  const summary = entries.length
    ? `${entries.length} of ${selected.length} image${selected.length === 1 ? '' : 's'} affected by ${n} changed file${n === 1 ? '' : 's'}.`
    : `No image is affected by the ${n} changed file${n === 1 ? '' : 's'}; nothing to build.`;
  return { entries, summary, changedFiles: changed, unrelatedFiles };
}

/** A parent that is left out of this run (the `image` input): say the build uses its published AMI. */
function notInRun(draft: Draft, rebuiltInRun: ReadonlySet<string>): void {
  for (const p of draft.node.parents) {
    if (rebuiltInRun.has(p)) continue;
    const i = draft.reasons.findIndex((r) => r.startsWith(`Parent \`${p}\` is rebuilt`));
    if (i >= 0)
      draft.reasons[i] = draft.reasons[i]!.replace('is rebuilt (', 'changed (').replace(
        ': this image is built on its new AMI.',
        `, but it is not built in this run (image: ${draft.node.image}): this build uses its current published AMI.`,
      );
  }
}

export { planMatrix, type MatrixRow } from './plan-matrix.js';
