/**
 * What deploy-stack's log tells the user, line by line: which AMI version it pinned and why, which
 * change set it creates for which stack, the parameters an update keeps, each resource change,
 * and a deploy with nothing to do. Against the emulator's CloudFormation in-process.
 */
import { describe, it, expect } from '@jest/globals';
import { NO_CHANGES } from '../../../scripts/local-aws/services/cloudformation/change-sets.js';
import { PARAM, world } from './deploy-world.js';

describe('deployStack: the log', () => {
  it('on a create: the AMI pinned and why, the CREATE change set, each resource added', async () => {
    const w = await world();
    const { result, logger } = w.run({ changeSetName: 'igo-1' });
    await result;
    const lines = logger.lines.map((l) => l.message);
    expect(lines.slice(0, 4)).toEqual([
      `AMI: ${PARAM}:5 (version 5, ${w.amis[4]}; deployed now: none)`,
      'Creating CREATE change set igo-1 for stack app in us-east-1',
      '  Add Group (AWS::EC2::SecurityGroup)',
      '  Add Instance (AWS::EC2::Instance)',
    ]);
  });

  it('on an update: the version deployed now, the UPDATE change set, a replacement', async () => {
    const w = await world();
    await w.createDirectly(4);
    await w.settle();
    const { result, logger } = w.run({
      changeSetName: 'igo-2',
      ami: { parameterName: PARAM, version: 'build-1.1.0-1' },
    });
    await result;
    const lines = logger.lines.map((l) => l.message);
    // Every parameter is given: nothing is kept from the stack, and the log says nothing of it.
    expect(lines.slice(0, 3)).toEqual([
      `AMI: ${PARAM}:5 (label build-1.1.0-1, ${w.amis[4]}; deployed now: 4)`,
      'Creating UPDATE change set igo-2 for stack app in us-east-1',
      '  Modify Instance (AWS::EC2::Instance) replacement=True',
    ]);
    expect(logger.text()).not.toContain('Keeping');
  });

  it("keeps the stack's current values of the parameters an update does not give, and says which", async () => {
    const w = await world();
    await w.createDirectly(5);
    await w.settle();
    const { result, logger } = w.run({ ami: undefined, parameters: [] });
    const r = await result;
    expect(logger.lines.map((l) => l.message)).toContain(
      "Keeping the stack's current values of AmiParameterName, AmiParameterVersion, Subnets (not given)",
    );
    expect(r.changed).toBe(false);
    expect((await w.stack()).Parameters).toEqual([
      { ParameterKey: 'AmiParameterName', ParameterValue: PARAM },
      { ParameterKey: 'AmiParameterVersion', ParameterValue: '5' },
      { ParameterKey: 'Subnets', ParameterValue: 'subnet-1,subnet-2' },
    ]);
  });

  it('says a deploy with nothing to change succeeds, and why, and drops its change set', async () => {
    const w = await world();
    await w.createDirectly(5);
    await w.settle();
    const { result, logger } = w.run();
    await result;
    expect(logger.lines.map((l) => l.message)).toContain(
      `No changes (${NO_CHANGES}); deleting the change set`,
    );
  });
});
