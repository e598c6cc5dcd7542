import { ApiError } from './types.js';

/**
 * Offset pagination with an opaque token bound to the list it came from, so a token replayed
 * against another list is rejected as AWS does.
 */
export function paginate<T>(
  items: readonly T[],
  opts: { maxResults?: number; nextToken?: string; defaultMax: number; max: number; scope: string },
  invalidToken: ApiError,
): { page: T[]; nextToken?: string } {
  const max = opts.maxResults ?? opts.defaultMax;
  if (!Number.isInteger(max) || max < 1 || max > opts.max) {
    throw new ApiError(
      invalidToken.code === 'InvalidNextToken'
        ? 'ValidationException'
        : 'InvalidParameterValueException',
      `1 validation error detected: Value '${max}' at 'maxResults' failed to satisfy constraint: Member must have value between 1 and ${opts.max}`,
    );
  }
  let start = 0;
  if (opts.nextToken) {
    try {
      const t = JSON.parse(Buffer.from(opts.nextToken, 'base64url').toString('utf8')) as {
        o: number;
        s: string;
      };
      if (t.s !== opts.scope || !Number.isInteger(t.o) || t.o < 0) throw new Error('scope');
      start = t.o;
    } catch {
      throw invalidToken;
    }
  }
  const page = items.slice(start, start + max);
  const end = start + page.length;
  return {
    page,
    nextToken:
      end < items.length
        ? Buffer.from(JSON.stringify({ o: end, s: opts.scope })).toString('base64url')
        : undefined,
  };
}
