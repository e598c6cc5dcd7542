/**
 * The demo's image-fleet checks: which build legs ran, in which order, and which parent AMI each
 * child was built on, read from the run's step reports and the emulator's SSM.
 */
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import type { PipelineEnvironment } from './environment.js';
import type { StepReport, WorkflowResult } from './workflow-runner.js';

/** The matrix row of a step (`target`, `image`...), or {} outside a matrix. */
function legOf(s: StepReport): Record<string, unknown> {
  return s.leg ? (JSON.parse(s.leg) as Record<string, unknown>) : {};
}

/** The matrix leg's build target (`web-server-x86_64`), or its image for older rows. */
export function legName(s: StepReport): string {
  const leg = legOf(s);
  return String(leg.target ?? leg.image ?? '');
}

function buildSteps(result: WorkflowResult): StepReport[] {
  return result.steps.filter((s) => s.uses?.endsWith('build-image') && s.outcome === 'success');
}

/** Targets whose build-image step ran, in the order the legs ran. */
export function builtTargets(result: WorkflowResult): string[] {
  return buildSteps(result).map(legName);
}

/** What build-image gave the recipe as parentImage for `target` (its `parent-image` output). */
export function parentImageOf(result: WorkflowResult, target: string): string | undefined {
  return buildSteps(result).find((s) => legName(s) === target)?.outputs['parent-image'];
}

/** The current value and version of an SSM parameter in the primary region. */
export async function parameter(
  env: PipelineEnvironment,
  name: string,
): Promise<{ ami: string; version: number } | undefined> {
  try {
    const p = (await env.client(SSMClient).send(new GetParameterCommand({ Name: name }))).Parameter;
    return p ? { ami: p.Value!, version: p.Version! } : undefined;
  } catch {
    return undefined;
  }
}

/** Adds a step to the `build` phase of a component document in the scratch repository. */
export function addBuildStep(dir: string, component: string, step: Record<string, unknown>): void {
  const file = join(dir, component);
  const doc = parseDocument(readFileSync(file, 'utf8'));
  const build = (doc.get('phases') as { items: { get(k: string): unknown }[] }).items.find(
    (p) => p.get('name') === 'build',
  ) as { get(k: string): { add(v: unknown): void } };
  build.get('steps').add(doc.createNode(step));
  writeFileSync(file, doc.toString());
}
