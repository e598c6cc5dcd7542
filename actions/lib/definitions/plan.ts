/**
 * `plan`: which images to build for an event, and why. Pure: the changed files, the event and the
 * image graph come in; a matrix of images with their reasons goes out.
 */
import { ConfigurationError } from '../core/errors.js';
import type { Position } from '../core/findings.js';
import type { ImageGraph, ImageNode } from './graph.js';
import { didYouMean } from '../core/suggest.js';
import type { ImageDefinition } from './types.js';
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
  graph: ImageGraph;
  /** Whether a repository file exists; when given, a definition naming a missing component is an error. */
  exists?: (file: string) => boolean;
  /** Where a path is in a definition file, for error messages. */
  locate?: (file: string, path: JsonPath) => Position | undefined;
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
  /** Stack name, when the image has an app stack. */
  stack?: string;
  /** Where publish-ami writes the AMI id. */
  ssmParameter?: string;
  /** The app stack's template and parameter values. */
  stackTemplate?: string;
  stackParameters?: Record<string, string>;
}

/**
 * One `strategy.matrix` leg, named as the workflow reads it (`matrix.ssm-parameter`...). Values are
 * strings: stack parameters as `key=value` lines (deploy-stack's `parameter-overrides` format), ''
 * when an image has no stack.
 */
export interface MatrixRow {
  image: string;
  definition: string;
  rebuild: boolean;
  redeploy: boolean;
  reasons: string[];
  'changed-components': string[];
  'ssm-parameter': string;
  'stack-name': string;
  'stack-template': string;
  'stack-parameters': string;
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

function entry(
  node: ImageNode,
  reasons: string[],
  changedComponents: string[],
  rebuild: boolean,
  templateChanged: boolean,
  d?: ImageDefinition,
): PlanEntry {
  return {
    image: node.image,
    definition: node.definition,
    reasons,
    changedComponents,
    rebuild,
    redeploy: !!node.stackTemplate && (rebuild || templateChanged),
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

export function planImages(input: PlanInput): Plan {
  checkComponentsExist(input);
  const selected = selectImages(input.graph, input.image);
  const byFile = new Map(input.definitions.map((d) => [d.file, d]));
  const changed =
    input.changedFiles === undefined || input.changedFiles === 'unknown'
      ? 'unknown'
      : [...new Set(input.changedFiles.map(normalize))].sort();

  const all = everythingReason(input);
  if (all !== undefined) {
    return {
      entries: selected.map((n) => entry(n, [all], [], true, false, byFile.get(n.definition))),
      summary: all,
      changedFiles: changed,
      unrelatedFiles: [],
    };
  }

  const files = changed === 'unknown' ? [] : changed;
  const used = new Set<string>();
  const entries: PlanEntry[] = [];
  // Walk every image (not only the selected) so `unrelatedFiles` does not depend on the selection.
  for (const node of input.graph.images) {
    const reasons: string[] = [];
    const changedComponents = node.componentFiles.filter((f) => files.includes(f));
    const definitionChanged = files.includes(node.definition);
    const templateChanged = !!node.stackTemplate && files.includes(node.stackTemplate);
    if (definitionChanged) reasons.push(`Image definition changed (${node.definition}).`);
    for (const f of changedComponents) reasons.push(`Component changed: ${f}.`);
    if (templateChanged) reasons.push(`Stack template changed: ${node.stackTemplate} (redeploy).`);
    // An accepted (or withdrawn) vulnerability can change any image's scan verdict: rebuild, the gate decides.
    const exceptionsChanged = files.includes(SCAN_EXCEPTIONS_FILE);
    if (exceptionsChanged)
      reasons.push(
        `Scan exceptions changed (${SCAN_EXCEPTIONS_FILE}): the scan gate decides again.`,
      );
    if (exceptionsChanged) used.add(SCAN_EXCEPTIONS_FILE);
    for (const f of [
      node.definition,
      ...changedComponents,
      ...(templateChanged ? [node.stackTemplate!] : []),
    ])
      used.add(f);
    if (!reasons.length || !selected.includes(node)) continue;
    const rebuild = definitionChanged || changedComponents.length > 0 || exceptionsChanged;
    entries.push(
      entry(
        node,
        reasons,
        changedComponents,
        rebuild,
        templateChanged,
        byFile.get(node.definition),
      ),
    );
  }
  const unrelatedFiles = files.filter((f) => !used.has(f));
  const n = files.length;
  const summary = entries.length
    ? `${entries.length} of ${selected.length} image${selected.length === 1 ? '' : 's'} affected by ${n} changed file${n === 1 ? '' : 's'}.`
    : `No image is affected by the ${n} changed file${n === 1 ? '' : 's'}; nothing to build.`;
  return { entries, summary, changedFiles: changed, unrelatedFiles };
}

/** The `strategy.matrix` value: `{"include": [...]}`, one object per image. */
export function planMatrix(plan: Plan): { include: MatrixRow[] } {
  return {
    include: plan.entries.map((e) => ({
      image: e.image,
      definition: e.definition,
      rebuild: e.rebuild,
      redeploy: e.redeploy,
      reasons: e.reasons,
      'changed-components': e.changedComponents,
      'ssm-parameter': e.ssmParameter ?? '',
      'stack-name': e.stack ?? '',
      'stack-template': e.stackTemplate ?? '',
      'stack-parameters': Object.entries(e.stackParameters ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join('\n'),
    })),
  };
}
