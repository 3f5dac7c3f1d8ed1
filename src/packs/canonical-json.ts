/**
 * JSON Canonicalization Scheme (RFC 8785, "JCS"): one exact text for a JSON value, so that a hash
 * or signature of a pack does not depend on key order, whitespace or number spelling in the file.
 *
 * - Object members are sorted by their names as UTF-16 code units (JavaScript's `<` on strings,
 *   never a locale compare) and written without whitespace.
 * - Numbers are written as ECMAScript writes them (`JSON.stringify`): `1e+21`, `0.000001`, `0` for
 *   `-0`. NaN and ±Infinity have no JSON form and are refused.
 * - Strings are written as `JSON.stringify` writes them (RFC 8785 §3.2.2.2 is that algorithm).
 *   Lone surrogates are refused: RFC 8785 requires I-JSON, which has none, and UTF-8 cannot
 *   carry them.
 *
 * The input is a value as `JSON.parse` returns it. Anything JSON.parse could not have produced is
 * refused rather than silently converted: `undefined` in an array (JSON.stringify would write
 * `null`), functions, symbols, bigints, class instances such as Date or Map, and cycles. An object
 * member whose value is `undefined` is left out, as JSON.stringify does, so that optional
 * TypeScript properties can be passed as they are.
 */
export class CanonicalJsonError extends Error {
  override name = 'CanonicalJsonError';
}

export function canonicalJson(value: unknown): string {
  return serialize(value, '$', new Set(), null, '');
}

/**
 * The same canonical form laid out for people: members still sorted, numbers and strings written
 * the same way, with line breaks and `indent` spaces per level. It parses back to the same value,
 * so it has the same canonical JSON, content hash and signature as the compact form.
 */
export function prettyCanonicalJson(value: unknown, indent = 2): string {
  return serialize(value, '$', new Set(), ' '.repeat(indent), '');
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serializeString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value))
    throw new CanonicalJsonError(`${path}: the string holds a lone UTF-16 surrogate, which JSON text cannot carry`);
  return JSON.stringify(value);
}

const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function isPlainObject(value: object): value is Record<string, unknown> {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function serialize(value: unknown, path: string, ancestors: Set<object>, indent: string | null, level: string): string {
  switch (typeof value) {
    case 'string':
      return serializeString(value, path);
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${path}: ${String(value)} is not a JSON number`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`${path}: a ${typeof value} has no JSON form`);
  }
  if (value === null) return 'null';
  if (ancestors.has(value)) throw new CanonicalJsonError(`${path}: the value contains itself (a cycle)`);
  const inner = indent === null ? '' : level + indent;
  const open = indent === null ? '' : `\n${inner}`;
  const close = indent === null ? '' : `\n${level}`;
  const comma = indent === null ? ',' : `,\n${inner}`;
  const colon = indent === null ? ':' : ': ';
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      if (value.length === 0) return '[]';
      const items: string[] = [];
      for (let i = 0; i < value.length; i++) {
        const item: unknown = value[i];
        if (item === undefined) throw new CanonicalJsonError(`${path}[${i}]: undefined is not a JSON value`);
        items.push(serialize(item, `${path}[${i}]`, ancestors, indent, inner));
      }
      return `[${open}${items.join(comma)}${close}]`;
    }
    if (!isPlainObject(value)) {
      const kind = (value as { constructor?: { name?: unknown } }).constructor?.name;
      throw new CanonicalJsonError(`${path}: a ${typeof kind === 'string' ? kind : 'non-plain object'} is not a JSON object`);
    }
    const members: string[] = [];
    for (const key of Object.keys(value).sort(compareCodeUnits)) {
      const member = value[key];
      if (member === undefined) continue;
      const memberPath = `${path}.${key}`;
      members.push(`${serializeString(key, memberPath)}${colon}${serialize(member, memberPath, ancestors, indent, inner)}`);
    }
    return members.length ? `{${open}${members.join(comma)}${close}}` : '{}';
  } finally {
    ancestors.delete(value);
  }
}
