/**
 * Scenario 4: failures stay contained. A failed build writes no SSM parameter and deploys nothing;
 * an AMI missing in the DR region writes SSM nowhere (not even the primary); a failed stack update
 * leaves the previous version running, and the deploy step says so.
 */
import { Checks, type ScenarioResult } from './scenario.js';
import { ec2State } from '../local-aws/services/ec2.js';
import { changeComponent, createWorld, DR, PRIMARY, STACK, type World } from './world.js';

function nothingPublished(c: Checks, s: Awaited<ReturnType<World['endState']>>, why: string): void {
  for (const region of [PRIMARY, DR])
    c.check((s.ssm[region] ?? []).length === 0, `${why}: no SSM version in ${region}`, () =>
      JSON.stringify(s.ssm[region]),
    );
  c.check(s.stack.status === 'NONE', `${why}: nothing deployed`, () => JSON.stringify(s.stack));
}

export async function containedScenario(seed: number): Promise<ScenarioResult> {
  const c = new Checks();
  const world = await createWorld({ seed });
  const { admin } = world.env.aws;
  try {
    const push = world.env.workspace.commit('first push');
    const empty = world.snapshot();

    admin.failBuild({
      pipeline: 'web-server',
      step: 'BUILDING',
      reason: 'chaos: the build instance ran out of disk',
    });
    const failedBuild = await world.run(push);
    c.check(!failedBuild.success, 'failed build: the run failed');
    nothingPublished(c, await world.endState(), 'failed build');

    world.restore(empty);
    let deleted = 0;
    const missingDr = await world.run(push, {
      onStep: (s) => {
        if (s.step !== 'wait' || s.outcome !== 'success') return;
        // The DR copy is gone before publish looks (deregistered by someone, a failed copy).
        const images = ec2State(world.env.aws.state, DR).images;
        // Image Builder's tag names the image; the AMI's name is the distribution's template.
        for (const id of Object.keys(images))
          if (images[id]!.tags['Ec2ImageBuilderArn']?.includes('/web-server/')) {
            delete images[id];
            deleted++;
          }
      },
    });
    c.check(deleted > 0, 'missing DR AMI: the DR copy was deregistered before publish');
    c.check(!missingDr.success, 'missing DR AMI: the run failed');
    const publish = missingDr.steps.find((s) => s.step === 'publish');
    c.check(
      /::error::/.test(publish?.log ?? '') && /us-west-2/.test(publish?.log ?? ''),
      'missing DR AMI: publish names the region in its error',
      () => publish?.log.slice(0, 400) ?? 'no publish step',
    );
    nothingPublished(c, await world.endState(), 'missing DR AMI');

    world.restore(empty);
    const first = await world.run(push);
    c.check(first.success, 'failed update: the first release succeeded');
    changeComponent(world, 'update-fails');
    admin.failBuild({
      pipeline: `cloudformation:${STACK}`,
      step: 'WebServer',
      reason: 'chaos: instance launch failed',
    });
    const update = await world.run(
      world.env.workspace.commit('a release whose stack update fails'),
    );
    const s = await world.endState();
    c.check(!update.success, 'failed update: the run failed');
    c.check(
      s.stack.status === 'UPDATE_ROLLBACK_COMPLETE' && s.stack.version === '1',
      'failed update: the stack rolled back and still runs version 1',
      () => JSON.stringify(s.stack),
    );
    const deploy = update.steps.find((st) => st.step === 'deploy');
    c.check(
      /::error::/.test(deploy?.log ?? '') &&
        /ROLLBACK_COMPLETE|rolled back|previous|still/i.test(deploy?.log ?? '') &&
        /WebServer/.test(deploy?.log ?? ''),
      'failed update: deploy says the update rolled back, which resource failed, and what still runs',
      () =>
        (deploy?.log ?? '')
          .split('\n')
          .filter((l) => l.includes('::error'))
          .join(' ')
          .slice(0, 500),
    );
    c.figure('scenarios', 3);
  } finally {
    await world.close();
  }
  return c.result(`failures stay contained, seed ${seed}`);
}
