/** Job summaries (GitHub Markdown) for a terminal: Mermaid charts named, HTML tags dropped, indented. */
export function terminalSummary(markdown: string, indent = '   │ '): string {
  return markdown
    .replace(
      /```mermaid\n([\s\S]*?)```/g,
      (_m, body: string) =>
        `(Mermaid ${body.trim().split(/\s/)[0]} chart: rendered in the GitHub job summary)\n`,
    )
    .replace(/<\/?(details|summary|br)\s*\/?>/g, '')
    .split('\n')
    .filter((l, i, all) => l.trim() !== '' || (i > 0 && all[i - 1]!.trim() !== ''))
    .map((l) => `${indent}${l}`)
    .join('\n');
}

/** One line per step: ✓/✗/– name, duration. */
export function stepLine(outcome: string, label: string, ms: number, note = ''): string {
  const mark = { success: '✓', failure: '✗', skipped: '–', 'stand-in': '○' }[outcome] ?? '?';
  const time = ms > 0 ? ` (${(ms / 1000).toFixed(1)} s)` : '';
  return `  ${mark} ${label}${time}${note ? `: ${note}` : ''}`;
}
