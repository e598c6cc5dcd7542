/**
 * The value type of every action-module input whose shape the documentation gives, in every module:
 * booleans (`overwrite`, `recurse`, `force`, `recursive`, ...), lists of strings (`include`,
 * `exclude`; `commands`/`arguments` are checked in inputs.ts with their own hints), mappings
 * (InstallMSI `properties`), integers (Reboot `delaySeconds`, inputs.ts) and strings (paths, sources,
 * owners, ...). Source: the AWSTOE action module reference
 * (https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-action-modules.html).
 *
 * A value holding a `{{ variable }}` is not checked: variables are strings, resolved at run time.
 * A string input given a number or boolean (`owner: 1000`) is accepted: YAML reads it as a scalar
 * and AWSTOE's documents write such values unquoted; only a list or mapping is refused.
 */
import { isMap, isScalar, isSeq, kindOf, type Pair } from '../yaml/source.js';
import { report, type Ctx } from './context.js';

export type InputType = 'string' | 'boolean' | 'list' | 'map' | 'any';

const BOOLEAN_KEYS = new Set([
  'overwrite',
  'recurse',
  'force',
  'recursive',
  'printFileContent',
  'ignoreCertificateErrors',
  'ignoreAuthenticodeSignatureErrors',
  'allowUnsignedInstaller',
]);
const LIST_KEYS = new Set(['include', 'exclude']);
/** Checked elsewhere (inputs.ts) or of no single documented type. */
const OTHER_KEYS = new Set([
  'commands',
  'arguments',
  'parameters',
  'phases',
  'delaySeconds',
  // SetRegistry `value`: a string, a number (DWORD/QWORD) or a list (MULTI_SZ, BINARY).
  'value',
  // `permissions: 0777` unquoted is a YAML number in the docs' own examples (AWSTOE action modules: https://docs.aws.amazon.com/imagebuilder/latest/userguide/toe-action-modules.html).
  'permissions',
]);

export function inputType(action: string, key: string): InputType {
  if (action === 'InstallMSI' || action === 'UninstallMSI') {
    if (key === 'properties') return 'map';
  }
  if (BOOLEAN_KEYS.has(key)) return 'boolean';
  if (LIST_KEYS.has(key)) return 'list';
  if (OTHER_KEYS.has(key)) return 'any';
  return 'string';
}

/** A `{{ variable }}` value, quoted or not (unquoted, YAML reads a flow mapping: references.ts). */
function hasVariable(node: unknown): boolean {
  if (isScalar(node)) return typeof node.value === 'string' && node.value.includes('{{');
  return isMap(node) && node.flow === true && node.items.length === 1 && isMap(node.items[0]?.key);
}

/** Checks one known input's value against its documented type. */
export function checkInputType(ctx: Ctx, action: string, pair: Pair): void {
  const key = isScalar(pair.key) ? String(pair.key.value) : '';
  const node = pair.value;
  const type = inputType(action, key);
  if (type === 'any' || node === null || node === undefined || hasVariable(node)) return;
  if (isScalar(node) && node.value === null) return;
  const bad = (expected: string, example: string) =>
    report(
      ctx,
      node,
      'error',
      'awstoe/input-type',
      `${action} \`${key}\` must be ${expected}; found ${kindOf(node)}. ${example}`,
    );
  switch (type) {
    case 'string':
      if (!isScalar(node)) bad('a single value (a string)', `Write \`${key}: value\`.`);
      return;
    case 'boolean':
      if (!isScalar(node)) return bad('a boolean', `Write \`${key}: true\` or \`${key}: false\`.`);
      if (
        typeof node.value !== 'boolean' &&
        !(typeof node.value === 'string' && /^(true|false)$/i.test(node.value))
      )
        bad('a boolean (true or false)', `Write \`${key}: true\` or \`${key}: false\`.`);
      return;
    case 'list':
      if (!isSeq(node))
        return bad('a list of strings', `Write one entry per line: \`${key}:\` then \`- item\`.`);
      for (const item of node.items) {
        if (item !== null && !isScalar(item))
          report(
            ctx,
            item,
            'error',
            'awstoe/input-type',
            `Each ${action} \`${key}\` entry must be a string; found ${kindOf(item)}.`,
          );
      }
      return;
    case 'map':
      if (!isMap(node))
        bad('a mapping of names to values', `Write \`${key}:\` then \`NAME: value\` lines.`);
      return;
  }
}
