/** Job summary renderers for a plan: a table and a Mermaid graph. Pure Markdown out. */
import type { ImageGraph } from './graph.js';
import type { Plan } from './plan.js';

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

function code(text: string): string {
  return `\`${text.replace(/`/g, "'")}\``;
}

/** | Image | Why | Changed components | — or a sentence when nothing is planned. */
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
    return `| ${code(e.image)} | ${cell(why)} | ${cell(components)} |`;
  });
  return ['| Image | Why | Changed components |', '| --- | --- | --- |', ...rows].join('\n');
}

function label(text: string): string {
  return `"${text.replace(/"/g, '#quot;')}"`;
}

/**
 * `graph LR` from each changed file (component, definition, stack template) to the images it
 * feeds; '' when no changed file feeds an image (schedule, force, docs only).
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
  if (!edges.length) return '';
  const lines = ['graph LR'];
  for (const [file, key] of sources) lines.push(`  ${key}[${label(file)}]`);
  for (const [image, key] of images) lines.push(`  ${key}([${label(image)}])`);
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
