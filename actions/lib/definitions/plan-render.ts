/** Job summary renderers for a plan: a table and a Mermaid graph. Pure Markdown out. */
import type { ImageGraph } from './graph.js';
import type { Plan } from './plan.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** `web-server-x86_64` on `base-linux` (new AMI of this run), one per line. */
function builds(e: Plan['entries'][number]): string {
  if (!e.rebuild) return '—';
  return e.targets
    .map((t) => {
      const on = t.parent
        ? ` on ${code(t.parent)} (${t.parentRebuild ? 'its new AMI of this run' : 'its published AMI'})`
        : '';
      return `${code(t.target)}${on}`;
    })
    .join('<br>');
}

/** | Image | Why | Builds | Changed components | — or a sentence when nothing is planned. Parents first. */
export function renderPlanTable(plan: Plan): string {
  if (!plan.entries.length) return '_No image to build._';
  const rows = plan.entries.map((e) => {
    const why = [
      ...e.reasons,
      ...(e.rebuild ? [] : ['No rebuild: the current AMI is redeployed.']),
    ].join('<br>');
    const components = e.changedComponents.length
      ? e.changedComponents.map(code).join('<br>')
      : '—';
    return `| ${code(e.image)} | ${cell(why)} | ${cell(builds(e))} | ${cell(components)} |`;
  });
  return [
    '| Image | Why | Builds | Changed components |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

function label(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

/**
 * `graph LR` from each changed file (component, definition, stack template) to the images it
 * feeds, and from each parent to the planned images built on it: `==>` "new AMI" when the parent
 * is rebuilt in this run, `-.->` "published AMI" from a parent left as it is. '' when there is no
 * edge (schedule or force without parents, docs only).
 */
export function renderPlanGraph(plan: Plan, graph: ImageGraph): string {
  const sources = new Map<string, string>();
  const images = new Map<string, string>();
  const edges: string[] = [];
  const id = (map: Map<string, string>, prefix: string, key: string) => {
    if (!map.has(key)) map.set(key, `${prefix}${map.size}`);
    return map.get(key)!;
  };
  for (const e of plan.entries) {
    const node = graph.images.find((n) => n.image === e.image);
    const feeds = [
      ...e.changedComponents,
      ...(plan.changedFiles !== 'unknown' && plan.changedFiles.includes(e.definition)
        ? [e.definition]
        : []),
      ...(node?.stackTemplate &&
      plan.changedFiles !== 'unknown' &&
      plan.changedFiles.includes(node.stackTemplate)
        ? [node.stackTemplate]
        : []),
    ];
    for (const file of feeds)
      edges.push(`  ${id(sources, 'f', file)} --> ${id(images, 'i', e.image)}`);
  }
  const planned = new Map(plan.entries.map((e) => [e.image, e]));
  for (const e of plan.entries) {
    for (const p of e.parents) {
      const rebuilt = e.targets.some((t) => t.parent === p && t.parentRebuild);
      const arrow = rebuilt ? '==>|new AMI|' : '-.->|published AMI|';
      edges.push(`  ${id(images, 'i', p)} ${arrow} ${id(images, 'i', e.image)}`);
    }
  }
  if (!edges.length) return '';
  const lines = ['graph LR'];
  for (const [file, key] of sources) lines.push(`  ${key}[${label(file)}]`);
  for (const [image, key] of images) {
    const e = planned.get(image);
    const text = !e ? `${image} (not rebuilt)` : e.rebuild ? image : `${image} (redeploy only)`;
    lines.push(`  ${key}([${label(text)}])`);
  }
  lines.push(...edges);
  return lines.join('\n');
}

export function renderPlanSummary(plan: Plan, graph: ImageGraph): string {
  const parts = ['## Image plan', '', plan.summary, '', renderPlanTable(plan)];
  const mermaid = renderPlanGraph(plan, graph);
  if (mermaid) parts.push('', '```mermaid', mermaid, '```');
  if (plan.unrelatedFiles.length) {
    parts.push(
      '',
      `<details><summary>${plan.unrelatedFiles.length} changed file(s) that feed no image</summary>`,
      '',
    );
    parts.push(...plan.unrelatedFiles.map((f) => `- ${code(f)}`), '', '</details>');
  }
  return parts.join('\n') + '\n';
}
