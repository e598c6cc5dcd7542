/** What the start-build tests share: the start request, an image of the pipeline, our run's tags. */
import { RUN_TAG, REPOSITORY_TAG } from '../../actions/lib/imagebuilder/tags.js';

export const spec = { pipelineArn: 'pipe', image: 'web', recipeVersion: '1.0.3', runId: '777' };

/** Build `build` of recipe version 1.0.3, in `status`, with `tags`. */
export const img = (build: number, status: string, tags: Record<string, string> = {}) => ({
  arn: `arn:aws:imagebuilder:eu-west-1:123456789012:image/web/1.0.3/${build}`,
  version: '1.0.3/' + build,
  state: { status: status as 'BUILDING' },
  tags,
});

/** The tags of a build this run (777 of acme/golden) started. */
export const ours = { [RUN_TAG]: '777', [REPOSITORY_TAG]: 'acme/golden' };
