/**
 * What a file that is not an AWSTOE component document looks like, so the error says what to do:
 * a CloudFormation template (whose `AWS::ImageBuilder::Component` `Data` may hold the component), an
 * Image Builder workflow document, an SSM document, an image definition, a GitHub workflow, an empty
 * file, a list or a single value at the root, a mapping with no `phases`.
 * Source: the AWSTOE component document reference
 * (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-use-documents.html).
 */
import { isMap, isScalar, isSeq, keyName, type YAMLMap, type YamlSource } from '../yaml/source.js';
import { didYouMean } from './context.js';

export interface OtherKind {
  kind: string;
  fix: string;
}

const WORKFLOW_ACTIONS = new Set([
  'LaunchInstance',
  'ExecuteComponents',
  'CreateImage',
  'TerminateInstance',
  'RunCommand',
  'WaitForAction',
  'ApplyImageConfigurations',
  'BootstrapInstanceForContainer',
  'CollectImageMetadata',
  'CollectImageScanFindings',
  'DistributeImage',
  'ModifyImageAttributes',
  'RunSysPrep',
  'SanitizeInstance',
  'RegisterImage',
  'WaitForSSMAgent',
]);

function get(map: YAMLMap, key: string): unknown {
  return map.items.find((p) => keyName(p) === key)?.value;
}

function lineOf(src: YamlSource, node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null)?.range;
  return range ? src.lines.linePos(range[0]).line : undefined;
}

/** `AWS::ImageBuilder::Component` resources of a template, with the line of their `Data`. */
function inlineComponents(src: YamlSource, root: YAMLMap): string[] {
  const resources = get(root, 'Resources');
  if (!isMap(resources)) return [];
  const out: string[] = [];
  for (const p of resources.items) {
    const r = p.value;
    if (!isMap(r)) continue;
    const type = get(r, 'Type');
    if (!isScalar(type) || type.value !== 'AWS::ImageBuilder::Component') continue;
    const props = get(r, 'Properties');
    const data = isMap(props) ? props.items.find((q) => keyName(q) === 'Data') : undefined;
    const line = data ? lineOf(src, data.key) : undefined;
    out.push(`\`${keyName(p)}\`${line ? ` (its \`Data\` at line ${line})` : ''}`);
  }
  return out;
}

export function detectOtherKind(src: YamlSource, root: YAMLMap): OtherKind | undefined {
  const keys = new Set(root.items.map((p) => keyName(p)));
  if (keys.has('AWSTemplateFormatVersion') || (keys.has('Resources') && !keys.has('phases'))) {
    const inline = inlineComponents(src, root);
    return {
      kind: 'a CloudFormation template',
      fix:
        inline.length > 0
          ? `Its component document is the \`Data\` of ${inline.join(', ')}: move that text into its own file here (and point the template at it), and keep the template under stacks/.`
          : 'Move it under stacks/ (templates are validated there); a component document has `schemaVersion: 1.0` and `phases` at the top level.',
    };
  }
  if (keys.has('mainSteps')) {
    return {
      kind: 'an SSM (Systems Manager) document',
      fix: 'SSM documents (`mainSteps`, schemaVersion 2.2/0.3) run through Systems Manager, not AWSTOE. Rewrite it as `phases` → `steps` with AWSTOE actions.',
    };
  }
  if (keys.has('steps') && !keys.has('phases')) {
    const steps = get(root, 'steps');
    const looksWorkflow =
      isSeq(steps) &&
      steps.items.some((s) => {
        const action = isMap(s) ? get(s, 'action') : undefined;
        return isScalar(action) && WORKFLOW_ACTIONS.has(String(action.value));
      });
    if (looksWorkflow || keys.has('outputs')) {
      return {
        kind: 'an Image Builder workflow document',
        fix: 'Workflow documents (top-level `steps` with actions such as LaunchInstance/ExecuteComponents) are a different schema; create it as a workflow, not a component.',
      };
    }
    return {
      kind: 'a list of steps without phases',
      fix: 'Steps belong to a phase: write `phases:` with `- name: build` and put this `steps:` list under it.',
    };
  }
  if (keys.has('parentImage') && keys.has('components')) {
    return {
      kind: 'an image definition',
      fix: 'Move it to components/images/, where image definitions are validated.',
    };
  }
  if (keys.has('jobs') && (keys.has('on') || keys.has('true'))) {
    return {
      kind: 'a GitHub Actions workflow',
      fix: 'Move it to .github/workflows/.',
    };
  }
  return undefined;
}

/** The message for a root that is not a mapping: an empty file, a list, or a single value. */
export function describeNonMapping(root: unknown): string {
  const need =
    'A component document is a YAML mapping with `schemaVersion: 1.0` and a `phases` list at the top level.';
  if (root === null || root === undefined || (isScalar(root) && root.value === null)) {
    return `The file is empty (or holds only comments). ${need} Write the document, or delete the file.`;
  }
  if (isSeq(root)) {
    const first = root.items.find((i) => isMap(i));
    const firstKeys = isMap(first) ? new Set(first.items.map((p) => keyName(p))) : new Set();
    const hint = firstKeys.has('steps')
      ? ' Its entries look like phases: put them under `phases:` (with `schemaVersion: 1.0` beside it).'
      : firstKeys.has('action')
        ? ' Its entries look like steps: put them under `phases:` → `- name: build` → `steps:`.'
        : '';
    return `The document is a list at the root, not a mapping. ${need}${hint}`;
  }
  if (isScalar(root)) {
    return `The document is a single value (${typeof root.value === 'string' ? 'a string' : String(root.value)}), not a mapping. ${need} Check the indentation of the first lines.`;
  }
  return `The root is not a mapping. ${need}`;
}

/** The message for a mapping that has no `phases`: what its keys are, and a near miss. */
export function describeNoPhases(root: YAMLMap): string {
  const keys = root.items.map((p) => keyName(p)).filter(Boolean);
  const near = keys.map((k) => didYouMean(k, ['phases'])).find(Boolean);
  const shown = keys.length > 0 ? ` (its top-level keys: ${keys.slice(0, 8).join(', ')})` : '';
  return near
    ? `The document has no \`phases\`${shown}.${near}`
    : `The document is a mapping with no \`phases\`${shown}, so AWSTOE has nothing to run. Add \`phases:\` with a list such as \`- name: build\` and its \`steps\`.`;
}
