/** A minimal XML writer for the query protocols' responses. */
export function escapeXml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * Objects become child elements named by their keys; arrays become repeated `itemTag` children
 * (`member` for awsQuery, `item` for ec2Query); null/undefined members are omitted.
 */
export function toXml(value: unknown, itemTag: string): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value))
    return value.map((v) => `<${itemTag}>${toXml(v, itemTag)}</${itemTag}>`).join('');
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => `<${k}>${toXml(v, itemTag)}</${k}>`)
      .join('');
  }
  return escapeXml(String(value));
}
