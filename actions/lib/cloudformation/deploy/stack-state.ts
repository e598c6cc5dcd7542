/**
 * What to do with a stack in a given status, pure. Statuses: DescribeStacks `StackStatus` in the
 * CloudFormation API reference.
 */
export type StackPlan =
  | { kind: 'create' }
  | { kind: 'update' }
  | { kind: 'wait' }
  | { kind: 'recreate'; why: string }
  | { kind: 'fail'; message: string };

const UPDATABLE = new Set([
  'CREATE_COMPLETE',
  'UPDATE_COMPLETE',
  'UPDATE_ROLLBACK_COMPLETE',
  'IMPORT_COMPLETE',
  'IMPORT_ROLLBACK_COMPLETE',
]);

export function planForStatus(
  status: string | undefined,
  stack: string,
  region: string,
  reason?: string,
): StackPlan {
  const cli = `aws cloudformation --region ${region}`;
  const because = reason ? ` (${reason})` : '';
  if (status === undefined || status === 'DELETE_COMPLETE') return { kind: 'create' };
  // A CREATE change set that was never executed leaves the stack in REVIEW_IN_PROGRESS with no
  // resources; it is stable (nothing will move it) and takes another CREATE change set.
  if (status === 'REVIEW_IN_PROGRESS') return { kind: 'create' };
  if (UPDATABLE.has(status)) return { kind: 'update' };
  if (status.endsWith('_IN_PROGRESS')) return { kind: 'wait' };
  switch (status) {
    case 'ROLLBACK_COMPLETE':
      // A failed creation, rolled back: the stack can only be deleted, never updated.
      return {
        kind: 'recreate',
        why: `${stack} is ROLLBACK_COMPLETE (its creation failed and was rolled back; such a stack cannot be updated)${because}`,
      };
    case 'ROLLBACK_FAILED':
      // A failed creation whose rollback also failed: DeleteStack is the only operation allowed.
      return {
        kind: 'recreate',
        why: `${stack} is ROLLBACK_FAILED (its creation failed and so did the rollback; it can only be deleted)${because}`,
      };
    case 'UPDATE_ROLLBACK_FAILED':
      return {
        kind: 'fail',
        message:
          `Stack ${stack} is UPDATE_ROLLBACK_FAILED${because}: CloudFormation could not roll back the last update. ` +
          'Fix the resource that failed to roll back (see its event), then continue the rollback: ' +
          `console: Stack actions → Continue update rollback, or \`${cli} continue-update-rollback --stack-name ${stack}\` ` +
          '(add `--resources-to-skip <LogicalId>` for a resource that cannot be restored). Re-run once the stack is UPDATE_ROLLBACK_COMPLETE.',
      };
    case 'DELETE_FAILED':
      return {
        kind: 'fail',
        message:
          `Stack ${stack} is DELETE_FAILED${because}. Remove what blocks deletion (e.g. a non-empty bucket, a resource in use), ` +
          `then \`${cli} delete-stack --stack-name ${stack}\` (with \`--retain-resources <LogicalId>\` to keep one), and re-run.`,
      };
    case 'CREATE_FAILED':
    case 'UPDATE_FAILED':
      return {
        kind: 'fail',
        message: `Stack ${stack} is ${status}${because} (rollback was disabled). Roll it back with \`${cli} rollback-stack --stack-name ${stack}\` and re-run.`,
      };
    default:
      return {
        kind: 'fail',
        message: `Stack ${stack} is ${status}${because}; this action does not know how to deploy from it.`,
      };
  }
}

export function isInProgress(status: string | undefined): boolean {
  return status !== undefined && status !== 'REVIEW_IN_PROGRESS' && status.endsWith('_IN_PROGRESS');
}

/** The operation succeeded. UPDATE_COMPLETE_CLEANUP_IN_PROGRESS: new resources are live, old ones are being removed. */
export function isSuccess(status: string | undefined): boolean {
  return (
    status === 'CREATE_COMPLETE' ||
    status === 'UPDATE_COMPLETE' ||
    status === 'UPDATE_COMPLETE_CLEANUP_IN_PROGRESS'
  );
}
