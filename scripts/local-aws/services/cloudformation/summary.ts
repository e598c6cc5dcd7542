/**
 * GetTemplateSummary, ListStacks and ListExports, with the shapes of the CloudFormation API
 * reference. The AWS CLI's `cloudformation deploy` calls GetTemplateSummary on every run against an
 * existing stack; ListStacks includes deleted stacks (90 days) unless filtered by status; ListExports
 * lists the `Export` outputs of live stacks of the region.
 */
import { str, type Input, type OpContext } from '../../types.js';
import { queryList } from '../../protocols/query.js';
import { cfnState, getStack, validation, type StackRec } from './model.js';
import { spec } from './prepare.js';
import { pageOf } from './stacks.js';
import { checkCapabilities, parsedTemplate, readTemplate } from './template.js';
import type { Template } from '../../../../actions/lib/cloudformation/index.js';

const date = (t: number | undefined) => (t === undefined ? undefined : new Date(t));

function passes(t: Template, given: string[]): boolean {
  try {
    checkCapabilities(t, given);
    return true;
  } catch {
    return false;
  }
}

/** The capability the template needs, from the same check CreateStack makes. */
function capabilities(t: Template): { Capabilities?: string[]; CapabilitiesReason?: string } {
  if (passes(t, [])) return {};
  const need = passes(t, ['CAPABILITY_IAM']) ? 'CAPABILITY_IAM' : 'CAPABILITY_NAMED_IAM';
  const iam = Object.values(t.Resources ?? {})
    .map((r) => String(r?.Type))
    .filter((type) => type.startsWith('AWS::IAM::'));
  return {
    Capabilities: [need],
    CapabilitiesReason: `The following resource(s) require capabilities: [${[...new Set(iam)].join(', ')}]`,
  };
}

async function getTemplateSummary(input: Input, ctx: OpContext) {
  const body = str(input['TemplateBody']);
  const stackName = str(input['StackName']);
  if (str(input['TemplateURL']) !== undefined)
    throw validation('The local emulator reads TemplateBody or StackName, not TemplateURL.');
  if ((body === undefined) === (stackName === undefined))
    throw validation(
      'Specify exactly one of TemplateBody, TemplateURL, StackName or StackSetName.',
    );
  const t =
    body !== undefined
      ? readTemplate(body, await spec())
      : parsedTemplate(getStack(cfnState(ctx.state, ctx.region), stackName!).templateBody);
  const resources = Object.entries(t.Resources ?? {});
  return {
    Parameters: Object.entries(t.Parameters ?? {}).map(([k, p]) => ({
      ParameterKey: k,
      DefaultValue: p?.Default === undefined ? undefined : String(p.Default),
      ParameterType: String(p?.Type ?? 'String'),
      NoEcho: p?.['NoEcho'] === true || p?.['NoEcho'] === 'true',
      Description: typeof p?.['Description'] === 'string' ? p['Description'] : undefined,
      ParameterConstraints: Array.isArray(p?.['AllowedValues'])
        ? { AllowedValues: (p['AllowedValues'] as unknown[]).map(String) }
        : {},
    })),
    Description: typeof t.Description === 'string' ? t.Description : undefined,
    ...capabilities(t),
    ResourceTypes: [...new Set(resources.map(([, r]) => String(r?.Type)))],
    Version: String(t['AWSTemplateFormatVersion'] ?? '2010-09-09'),
    Metadata: t['Metadata'] === undefined ? undefined : JSON.stringify(t['Metadata']),
    DeclaredTransforms: t['Transform'] === undefined ? [] : [t['Transform']].flat().map(String),
  };
}

const LIVE = (st: StackRec) => st.status !== 'DELETE_COMPLETE';

function listStacks(input: Input, ctx: OpContext) {
  const s = cfnState(ctx.state, ctx.region);
  const wanted = queryList(input, 'StackStatusFilter');
  const all = Object.values(s.stacks)
    .filter((st) => !wanted.length || wanted.includes(st.status))
    .sort((a, b) => b.creationTime - a.creationTime)
    .map((st) => ({
      StackId: st.stackId,
      StackName: st.stackName,
      TemplateDescription: st.description,
      CreationTime: date(st.creationTime),
      LastUpdatedTime: date(st.lastUpdatedTime),
      DeletionTime: date(st.deletionTime),
      StackStatus: st.status,
      StackStatusReason: st.reason,
      DriftInformation: { StackDriftStatus: 'NOT_CHECKED' },
    }));
  const { page, next } = pageOf(all, str(input['NextToken']), 100, `stacks:${wanted.join(',')}`);
  return { StackSummaries: page, NextToken: next };
}

function listExports(input: Input, ctx: OpContext) {
  const s = cfnState(ctx.state, ctx.region);
  const all = Object.values(s.stacks)
    .filter(LIVE)
    .flatMap((st) =>
      st.outputs
        .filter((o) => o.exportName)
        .map((o) => ({ ExportingStackId: st.stackId, Name: o.exportName, Value: o.value })),
    )
    .sort((a, b) => String(a.Name).localeCompare(String(b.Name)));
  const { page, next } = pageOf(all, str(input['NextToken']), 100, 'exports');
  return { Exports: page, NextToken: next };
}

export const summaryOperations = {
  GetTemplateSummary: getTemplateSummary,
  ListStacks: listStacks,
  ListExports: listExports,
};
