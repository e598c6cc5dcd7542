/**
 * The plan as `strategy.matrix`: one row per image × build target, parents first (the plan's
 * order), named as the workflow reads them (`matrix.ssm-parameter`...). The fields are the
 * image-fleet contract's (docs/image-definitions.md).
 */
import type { Plan } from './plan.js';

/**
 * One `strategy.matrix` leg. Values are strings or booleans: stack parameters as `key=value` lines
 * (deploy-stack's `parameter-overrides` format), '' when a row has no stack or no parent.
 */
export interface MatrixRow {
  image: string;
  /** `web-server`, or `web-server-arm64` per architecture: job names and concurrency groups. */
  target: string;
  /** '' when the definition lists no architectures (the parent's architecture is built). */
  architecture: string;
  definition: string;
  rebuild: boolean;
  /** Deploy this row's stack; only the stack's architecture row can. */
  redeploy: boolean;
  reasons: string[];
  'changed-components': string[];
  /** This target's SSM parameter. */
  'ssm-parameter': string;
  /** Definition name of an `image:` parent, else ''. */
  parent: string;
  /** That parent's SSM parameter for this architecture, else ''. */
  'parent-ssm-parameter': string;
  /** The parent is rebuilt in this run: build-image waits for its `run-<run id>` label. */
  'parent-rebuild': boolean;
  'stack-name': string;
  'stack-template': string;
  'stack-parameters': string;
}

/** The `strategy.matrix` value: `{"include": [...]}`. */
export function planMatrix(plan: Plan): { include: MatrixRow[] } {
  return {
    include: plan.entries.flatMap((e) =>
      e.targets.map((t): MatrixRow => {
        const stack = t.deploysStack && e.stack !== undefined;
        return {
          image: e.image,
          target: t.target,
          architecture: t.architecture ?? '',
          definition: e.definition,
          rebuild: e.rebuild,
          redeploy: stack && e.redeploy,
          reasons: e.reasons,
          'changed-components': e.changedComponents,
          'ssm-parameter': t.ssmParameter,
          parent: t.parent,
          'parent-ssm-parameter': t.parentSsmParameter,
          'parent-rebuild': t.parentRebuild,
          'stack-name': stack ? e.stack! : '',
          'stack-template': stack ? (e.stackTemplate ?? '') : '',
          'stack-parameters': stack
            ? Object.entries(e.stackParameters ?? {})
                .map(([k, v]) => `${k}=${v}`)
                .join('\n')
            : '',
        };
      }),
    ),
  };
}
