/**
 * The request half shared by CreateStack, UpdateStack and CreateChangeSet: template (body or the
 * previous one), parameters, capabilities, tags, role, and the dynamic references fixed now — "when
 * you create or update a stack, or create a change set" (User Guide, dynamic references).
 */
import {
  DynamicReferenceError,
  findDynamicReferences,
  loadResourceSpec,
  type ResourceSpec,
  type Template,
} from '../../../../actions/lib/cloudformation/index.js';
import { queryList, queryStructs } from '../../protocols/query.js';
import { str, type Input, type OpContext } from '../../types.js';
import { collectReferences } from './evaluation.js';
import { validation, type StackDefinition, type StackRec } from './model.js';
import { resolveParameters } from './parameters.js';
import { checkCapabilities, readTemplate } from './template.js';
import { authorizeParameterReads, checkServiceRole } from './acting.js';
import { preloadCatalogue } from './resource-authz.js';

let loaded: ResourceSpec | undefined;

export async function spec(): Promise<ResourceSpec> {
  await preloadCatalogue();
  loaded ??= await loadResourceSpec();
  return loaded;
}

/** The spec when some request already loaded it (ticks are synchronous). */
export function loadedSpec(): ResourceSpec | undefined {
  if (!loaded) void spec();
  return loaded;
}

export interface Prepared {
  template: Template;
  definition: StackDefinition;
  /** Set when a dynamic reference could not be resolved (a change set then FAILS with it). */
  referenceError?: string;
}

function referenceReason(e: DynamicReferenceError): string {
  const ref = findDynamicReferences(e.reference)[0];
  const what = ref
    ? `${ref.name}${ref.version !== undefined ? `:${ref.version}` : ''}`
    : e.reference;
  return `Unable to fetch parameters [${what}] from parameter store for this account.`;
}

export async function prepare(
  input: Input,
  ctx: OpContext,
  stackName: string,
  existing?: StackRec,
): Promise<Prepared> {
  const s = await spec();
  let body = str(input['TemplateBody']);
  if (input['UsePreviousTemplate'] === 'true') {
    if (!existing) throw validation('UsePreviousTemplate can only be used with an existing stack');
    body = existing.templateBody;
  }
  if (body === undefined) {
    throw validation(
      str(input['TemplateURL'])
        ? 'TemplateURL is not supported by the local emulator: pass TemplateBody.'
        : 'Either Template URL or Template Body must be specified.',
    );
  }
  const template = readTemplate(body, s);
  const parameters = resolveParameters({
    template,
    given: queryStructs(input, 'Parameters'),
    previous: existing?.parameters,
    state: ctx.state,
    region: ctx.region,
  });
  const capabilities = queryList(input, 'Capabilities');
  checkCapabilities(template, capabilities);
  const tags = queryStructs(input, 'Tags').map((t) => ({
    Key: t['Key'] ?? '',
    Value: t['Value'] ?? '',
  }));
  const givenRole = str(input['RoleARN']);
  if (givenRole)
    checkServiceRole(
      ctx,
      givenRole,
      existing?.stackId ??
        `arn:aws:cloudformation:${ctx.region}:${ctx.accountId}:stack/${stackName}/*`,
    );
  const definition: StackDefinition = {
    templateBody: body,
    parameters,
    references: {},
    capabilities,
    tags: tags.length || !existing ? tags : existing.tags,
    roleArn: str(input['RoleARN']) ?? existing?.roleArn,
    description: typeof template.Description === 'string' ? template.Description : undefined,
  };
  try {
    definition.references = await collectReferences(
      {
        template,
        definition,
        stackName,
        stackId: existing?.stackId ?? '',
        region: ctx.region,
        accountId: ctx.accountId,
        resources: existing?.resources ?? {},
      },
      ctx.state,
    );
  } catch (e) {
    if (!(e instanceof DynamicReferenceError)) throw e;
    return { template, definition, referenceError: referenceReason(e) };
  }
  const ssmTyped = parameters.filter((p) => p.resolved !== undefined).map((p) => p.value);
  const denied = await authorizeParameterReads(ctx, definition, ssmTyped, stackName);
  return denied ? { template, definition, referenceError: denied } : { template, definition };
}
