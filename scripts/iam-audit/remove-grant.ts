/**
 * A stacks file with grants taken out, as text: the lines of each Action entry are deleted where
 * they stand (comments and layout of everything else kept), and a statement left with no action
 * goes as a whole. The audit runs the pipeline against such copies; `--fix` writes them back.
 */
import { parseTemplate } from '../../actions/lib/cloudformation/index.js';
import type { LocatedGrant } from './grants.js';

interface Ranged {
  range?: [number, number, number];
}

type LineSpan = [number, number];

function lineSpan(text: string, node: Ranged | null | undefined, what: string): LineSpan {
  if (!node?.range) throw new Error(`cannot locate ${what} in the template`);
  const start = text.lastIndexOf('\n', node.range[0] - 1) + 1;
  let end = text.indexOf('\n', Math.max(node.range[0], node.range[2] - 1));
  if (end === -1) end = text.length;
  else end += 1;
  return [start, end];
}

/** The text without the given grants (all of one file). */
export function withoutGrants(text: string, file: string, grants: readonly LocatedGrant[]): string {
  const src = parseTemplate(text, file).src;
  if (!src) throw new Error(`${file}: not a readable template`);
  const spans: LineSpan[] = [];
  const byStatement = new Map<string, LocatedGrant[]>();
  for (const g of grants) {
    if (g.file !== file) throw new Error(`grant of ${g.file} given for ${file}`);
    const key = `${g.role}/${g.at.policy}/${g.at.statement}`;
    byStatement.set(key, [...(byStatement.get(key) ?? []), g]);
  }
  for (const group of byStatement.values()) {
    const g = group[0]!;
    const statementPath = [
      'Resources',
      g.role,
      'Properties',
      'Policies',
      g.at.policy,
      'PolicyDocument',
      'Statement',
      g.at.statement,
    ];
    const actions = src.doc.getIn([...statementPath, 'Action'], true) as { items?: unknown[] };
    const count = Array.isArray(actions?.items) ? actions.items.length : 1;
    const whole = group.some((x) => x.at.action === undefined) || group.length >= count;
    if (whole) {
      spans.push(
        lineSpan(text, src.doc.getIn(statementPath, true) as Ranged, `${g.role} ${g.sid}`),
      );
      continue;
    }
    for (const x of group)
      spans.push(
        lineSpan(
          text,
          src.doc.getIn([...statementPath, 'Action', x.at.action!], true) as Ranged,
          `${x.action} in ${x.role} ${x.sid}`,
        ),
      );
  }
  let out = text;
  for (const [start, end] of spans.sort((a, b) => b[0] - a[0]))
    out = out.slice(0, start) + out.slice(end);
  return out;
}
