/** What the awstoe rule tests compare: each finding as `severity rule @line`, and its message. */
import { expect } from '@jest/globals';
import { validateComponent } from '../../actions/lib/awstoe/index.js';

export const findings = (text: string) =>
  validateComponent(text, 'c.yml').map((f) => ({
    at: `${f.severity} ${f.rule} @${f.line}`,
    message: f.message,
  }));

/** The one finding of `text` (the test fails when there are none or several). */
export const only = (text: string) => {
  const f = findings(text);
  expect(f).toHaveLength(1);
  return f[0]!;
};
