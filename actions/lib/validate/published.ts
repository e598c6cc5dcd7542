/**
 * The SSM parameter names this repository's image definitions publish (`ssmParameter`), read
 * tolerantly (the definitions validator reports what is wrong with them): the template rules use
 * them to tell this pipeline's AMI parameters from public ones such as `/aws/service/...`.
 */
import { parseDocument, isMap, isScalar } from 'yaml';

export function publishedParameters(definitionTexts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const text of definitionTexts) {
    try {
      const root = parseDocument(text, { prettyErrors: false }).contents;
      if (!isMap(root)) continue;
      for (const p of root.items) {
        if (isScalar(p.key) && p.key.value === 'ssmParameter' && isScalar(p.value)) {
          if (typeof p.value.value === 'string' && p.value.value !== '') out.add(p.value.value);
        }
      }
    } catch {
      // An unreadable definition publishes nothing; its own validator says why.
    }
  }
  return out;
}
