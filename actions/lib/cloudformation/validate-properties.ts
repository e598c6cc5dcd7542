/**
 * Resource properties against the resource specification: known and required properties, and
 * coarse type mismatches where they are certain (a literal string where a list is required), and
 * the schema's allowed values. Any value that is an intrinsic function is left alone, unless its
 * shape (a list or a single value) is certain: its type is only known at deploy time.
 */
import { type Check, isMapping, kindName } from './check.js';
import { intrinsicName } from './intrinsics.js';
import type { TemplatePath } from './parse.js';
import {
  allowedValues,
  decodeType,
  propertyTypeOf,
  type PropertyInfo,
  type PropertyTypeSpec,
  type ResourceTypeSpec,
} from './spec/types.js';
import { describeCall, shapesOf } from './value-shapes.js';
import { didYouMean } from '../core/suggest.js';

/** Checks a mapping's keys (unknown, required) and each value against `shape`. */
export function checkObject(
  c: Check,
  resource: ResourceTypeSpec,
  shape: PropertyTypeSpec,
  value: Record<string, unknown>,
  path: TemplatePath,
  what: string,
  absent = false,
): void {
  const names = Object.keys(shape.p);
  for (const [key, v] of Object.entries(value)) {
    const code = shape.p[key];
    if (code === undefined) {
      c.report(
        [...path, key],
        'error',
        'cfn/unknown-property',
        `'${key}' is not a property of ${what}.${didYouMean(key, names)}`,
        { key: true },
      );
    } else checkValue(c, resource, code, v, [...path, key]);
  }
  const missing = names.filter((n) => decodeType(shape.p[n]!).required && !(n in value));
  if (missing.length > 0) {
    const at = absent ? path.slice(0, -1) : path;
    const list = missing.map((m) => `'${m}'`).join(', ');
    c.report(
      at,
      'error',
      'cfn/missing-property',
      `${what} requires ${missing.length === 1 ? 'property' : 'properties'} ${list}: add ${missing.length === 1 ? 'it' : 'them'} under Properties.`,
      { key: true },
    );
  }
}

function checkValue(
  c: Check,
  resource: ResourceTypeSpec,
  code: string,
  value: unknown,
  path: TemplatePath,
  inList = false,
): void {
  if (value === null || value === undefined) return;
  const info = decodeType(code);
  if (intrinsicName(value)) return checkIntrinsicShape(c, info, value, path, inList);
  const name = String(path[path.length - 1]);
  const mismatch = (expected: string) =>
    c.report(
      path,
      'error',
      'cfn/property-type',
      inList && (Array.isArray(value) || isMapping(value))
        ? `Item ${name} of '${String(path[path.length - 2])}' expects ${expected}, got ${kindName(value)}.`
        : `'${name}' expects ${expected}, got ${kindName(value)}.`,
    );
  const isList = Array.isArray(value);
  const isObj = isMapping(value);
  switch (info.type) {
    case 'string':
      if (isList || isObj) mismatch('a string');
      else checkAllowedValue(c, info, value, path);
      return;
    case 'number':
      if (
        isList ||
        isObj ||
        (typeof value === 'string' && (value.trim() === '' || Number.isNaN(Number(value))))
      )
        mismatch('a number');
      return;
    case 'boolean':
      if (
        isList ||
        isObj ||
        (typeof value === 'string' && !['true', 'false'].includes(value.toLowerCase()))
      )
        mismatch('a boolean (true or false)');
      return;
    case 'list':
      if (!isList) return mismatch('a list');
      value.forEach((item, i) =>
        checkValue(c, resource, info.inner ?? '*', item, [...path, i], true),
      );
      return;
    case 'map':
      if (!isObj) return mismatch('a mapping');
      for (const [k, v] of Object.entries(value))
        checkValue(c, resource, info.inner ?? '*', v, [...path, k]);
      return;
    case 'object': {
      if (!isObj)
        return mismatch(`a mapping (${info.inner === 'g' ? 'Key and Value' : info.inner})`);
      const shape = propertyTypeOf(resource, info.inner ?? '');
      if (shape)
        checkObject(
          c,
          resource,
          shape,
          value,
          path,
          `'${name}' (${info.inner === 'g' ? 'a tag' : info.inner})`,
        );
      return;
    }
    default:
      return;
  }
}

/**
 * An intrinsic function where the specification wants a list or a single value: one `!GetAtt`
 * where a list is required, a list parameter where a string is, a list parameter inside `[...]`
 * (a list nested in a list). Only shapes that are certain are reported (value-shapes.ts).
 */
function checkIntrinsicShape(
  c: Check,
  info: PropertyInfo,
  value: unknown,
  path: TemplatePath,
  inList: boolean,
): void {
  const scalarType = info.type === 'string' || info.type === 'number' || info.type === 'boolean';
  if (info.type !== 'list' && !scalarType) return;
  const shapes = shapesOf(c, value);
  const call = describeCall(value);
  const name = String(path[path.length - 1]);
  if (info.type === 'list' && shapes.has('scalar')) {
    c.report(
      path,
      'error',
      'cfn/property-type',
      `'${name}' expects a list, but ${call} is a single value: write it as a list item (\`- \` before it, or \`[ ... ]\` around it).`,
    );
  } else if (scalarType && shapes.has('list')) {
    const parent = String(path[path.length - 2]);
    c.report(
      path,
      'error',
      'cfn/property-type',
      inList
        ? `'${parent}' holds a list nested in a list: ${call} is already a list. Use it as the value of '${parent}' itself, not as an item of \`[ ... ]\`.`
        : `'${name}' expects a single value, but ${call} is a list: select one item (\`!Select [0, ...]\`) or join them (\`!Join\`).`,
    );
  }
}

/**
 * The registry schema's `enum` for a string property (cfn-lint E3030). A value that differs only in
 * case is a warning: some services compare case-insensitively, and the schema does not say.
 */
function checkAllowedValue(c: Check, info: PropertyInfo, value: unknown, path: TemplatePath): void {
  if (info.enumIndex === undefined || (typeof value !== 'string' && typeof value !== 'number'))
    return;
  const allowed = allowedValues(c.spec, info.enumIndex);
  const v = String(value);
  if (!allowed || allowed.includes(v)) return;
  const name = String(path[path.length - 1]);
  const cased = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
  if (cased) {
    c.report(
      path,
      'warning',
      'cfn/allowed-value',
      `'${name}' is '${v}'; the resource schema spells it '${cased}'. Write '${cased}'.`,
    );
    return;
  }
  const shown = allowed.length <= 12 ? allowed.join(', ') : `${allowed.slice(0, 12).join(', ')}, …`;
  c.report(
    path,
    'error',
    'cfn/allowed-value',
    `'${name}' is '${v}', which is not an allowed value (${shown}).${didYouMean(v, allowed)}`,
  );
}
