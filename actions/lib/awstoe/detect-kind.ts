/**
 * Documents that are not AWSTOE components: a CloudFormation template, an Image Builder workflow
 * document, or an SSM document. Source: /work/shared/AWSTOE-SPEC.md §1 (DOC-SCHEMA; CFN-COMPONENT).
 */
import { isMap, isScalar, isSeq, type YAMLMap } from '../yaml/source.js';

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

export function detectOtherKind(root: YAMLMap): OtherKind | undefined {
  const keys = new Set(root.items.map((p) => (isScalar(p.key) ? String(p.key.value) : '')));
  if (keys.has('AWSTemplateFormatVersion') || (keys.has('Resources') && !keys.has('phases'))) {
    return {
      kind: 'a CloudFormation template',
      fix: 'Validate it as a template; a component document has `schemaVersion: 1.0` and `phases` at the top level (inside a template, it goes in the `Data` of an AWS::ImageBuilder::Component).',
    };
  }
  if (keys.has('mainSteps')) {
    return {
      kind: 'an SSM (Systems Manager) document',
      fix: 'SSM documents (`mainSteps`, schemaVersion 2.2/0.3) run through Systems Manager, not AWSTOE. Rewrite it as `phases` → `steps` with AWSTOE actions.',
    };
  }
  if (keys.has('steps') && !keys.has('phases')) {
    const steps = root.items.find((p) => isScalar(p.key) && p.key.value === 'steps')?.value;
    const looksWorkflow =
      isSeq(steps) &&
      steps.items.some(
        (s) =>
          isMap(s) &&
          s.items.some(
            (p) =>
              isScalar(p.key) &&
              p.key.value === 'action' &&
              isScalar(p.value) &&
              WORKFLOW_ACTIONS.has(String(p.value.value)),
          ),
      );
    if (looksWorkflow || keys.has('outputs')) {
      return {
        kind: 'an Image Builder workflow document',
        fix: 'Workflow documents (top-level `steps` with actions such as LaunchInstance/ExecuteComponents) are a different schema; create it as a workflow, not a component.',
      };
    }
  }
  return undefined;
}
