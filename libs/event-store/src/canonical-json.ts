/**
 * RFC 8785 JSON Canonicalization Scheme (JCS).
 *
 * Object keys are sorted by UTF-16 code units (JavaScript's default string order),
 * strings and numbers are serialised exactly as ECMAScript's JSON.stringify does
 * (which is what RFC 8785 specifies), no whitespace. `undefined` members are dropped
 * as JSON drops them; values JSON cannot represent are refused rather than guessed.
 *
 * The auditor's standalone verifier carries its own copy of these ~30 lines, so that
 * it imports nothing from the project (see docs/event-store.md).
 */
export function canonicalJson(value: unknown): string {
  return serialise(value, '$');
}

function serialise(value: unknown, where: string): string {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) {
        throw new TypeError(`canonical JSON: ${where} is ${value}, which JSON cannot represent`);
      }
      return JSON.stringify(value);
    case 'object': {
      const withToJson = value as { toJSON?: () => unknown };
      if (typeof withToJson.toJSON === 'function') return serialise(withToJson.toJSON(), where);
      if (Array.isArray(value)) {
        return `[${value
          .map((item, i) => (item === undefined || typeof item === 'function' ? 'null' : serialise(item, `${where}[${i}]`)))
          .join(',')}]`;
      }
      const record = value as Record<string, unknown>;
      const keys = Object.keys(record)
        .filter((k) => record[k] !== undefined && typeof record[k] !== 'function')
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${serialise(record[k], `${where}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonical JSON: ${where} is a ${typeof value}, which JSON cannot represent`);
  }
}
