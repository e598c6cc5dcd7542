/**
 * deploy-stack's `termination-protection` input: the stack ends protected (or not) as asked, on a
 * create, an update and a deploy with no changes; left alone when the input is not given; no call
 * when it already is as asked. Against the emulator's CloudFormation in-process, whose DeleteStack
 * refuses a protected stack as CloudFormation does.
 */
import { describe, it, expect } from '@jest/globals';
import { DeleteStackCommand } from '@aws-sdk/client-cloudformation';
import { AwsOperationError } from '../../../actions/lib/core/errors.js';
import { world, type World } from './deploy-world.js';

const protection = async (w: World) => (await w.stack()).EnableTerminationProtection;

describe('deployStack: termination protection', () => {
  it('protects the stack it creates when asked: CloudFormation then refuses to delete it', async () => {
    const w = await world();
    const r = await w.run({ terminationProtection: true }).result;
    expect(r.stackStatus).toBe('CREATE_COMPLETE');
    expect(await protection(w)).toBe(true);
    await expect(w.cfn.send(new DeleteStackCommand({ StackName: 'app' }))).rejects.toThrow(
      'Stack [app] cannot be deleted while TerminationProtection is enabled',
    );
  });

  it('turns protection on for an unprotected stack, even when the deploy has no changes', async () => {
    const w = await world();
    await w.createDirectly(5);
    await w.settle();
    const r = await w.run({ terminationProtection: true }).result;
    expect(r.changed).toBe(false);
    expect(await protection(w)).toBe(true);
  });

  it('turns protection off for a protected stack when asked', async () => {
    const w = await world();
    await w.createDirectly(4, true);
    await w.settle();
    const r = await w.run({ terminationProtection: false }).result;
    expect(r.changed).toBe(true);
    expect(await protection(w)).toBe(false);
  });

  it('leaves protection as it is when the input is not given', async () => {
    const w = await world();
    await w.createDirectly(4, true);
    await w.settle();
    await w.run().result;
    expect(await protection(w)).toBe(true);
    expect(w.calls('UpdateTerminationProtection')).toBe(0);
  });

  it('makes no call when the stack already is as asked', async () => {
    const w = await world();
    await w.createDirectly(5, true);
    await w.settle();
    await w.run({ terminationProtection: true }).result;
    expect(await protection(w)).toBe(true);
    expect(w.calls('UpdateTerminationProtection')).toBe(0);
  });

  it('stops before re-creating a protected stack that failed its creation, saying how to unprotect it', async () => {
    const w = await world();
    w.fail('Instance', 'The instance type t3.micro is not supported in this zone');
    await w.createDirectly(5, true);
    const failed = await w.settle();
    expect(failed.StackStatus).toBe('ROLLBACK_COMPLETE');
    const err = await w.run().result.catch((e: unknown) => e);
    expect((err as Error).message).toBe(
      `DeleteStack failed for stack app in us-east-1: ValidationError: Stack [${failed.StackId}] cannot be deleted while TerminationProtection is enabled. ` +
        'Termination protection is on: turn it off (`aws cloudformation update-termination-protection --region us-east-1 --no-enable-termination-protection --stack-name app`) and re-run',
    );
    // Nothing lost: the stack is still there, as it was, for the user to inspect.
    expect((await w.stack()).StackStatus).toBe('ROLLBACK_COMPLETE');
  });

  it('fails a denied change of protection naming the operation and the stack', async () => {
    const w = await world();
    await w.createDirectly(5);
    await w.settle();
    w.aws.emulator.admin.addFault({
      service: 'cloudformation',
      operation: 'UpdateTerminationProtection',
      kind: 'denied',
      count: 1,
    });
    const err = await w.run({ terminationProtection: true }).result.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AwsOperationError);
    expect((err as Error).message).toMatch(
      /^UpdateTerminationProtection failed for stack app in us-east-1: AccessDenied: .*not authorized to perform: cloudformation:UpdateTerminationProtection/,
    );
    expect(await protection(w)).toBe(false);
  });
});
