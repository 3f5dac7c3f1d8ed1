import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson, prettyCanonicalJson } from '../../src/packs/canonical-json';
import { demoPackRaw } from './support/test-database';

/** A double from its IEEE 754 bit pattern, as RFC 8785 Appendix B lists them. */
function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('canonicalJson (RFC 8785)', () => {
  it('reproduces the RFC 8785 §3.2.2 example', () => {
    const input = JSON.parse(
      String.raw`{
        "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
        "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
        "literals": [null, true, false]
      }`,
    );
    expect(canonicalJson(input)).toBe(
      String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`,
    );
  });

  it('sorts keys by UTF-16 code units as in the RFC 8785 §3.2.3 example', () => {
    const input = JSON.parse(
      String.raw`{
        "\u20ac": "Euro Sign",
        "\r": "Carriage Return",
        "\ufb33": "Hebrew Letter Dalet With Dagesh",
        "1": "One",
        "\ud83d\ude00": "Emoji: Grinning Face",
        "\u0080": "Control",
        "\u00f6": "Latin Small Letter O With Diaeresis"
      }`,
    );
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    // The emoji (surrogates D83D DE00) sorts before U+FB33 by code unit, though after it by code point.
    expect(canonicalJson({ '\ufb33': 1, '\ud83d\ude00': 2 })).toBe('{"\ud83d\ude00":2,"\ufb33":1}');
  });

  it('writes numbers as ECMAScript does (RFC 8785 Appendix B)', () => {
    const vectors: Array<[string, string]> = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [bits, text] of vectors) expect(canonicalJson(fromBits(bits)), bits).toBe(text);
    expect(canonicalJson([-0, 1e21, 0.000001, 1e-7])).toBe('[0,1e+21,0.000001,1e-7]');
  });

  it.each([
    ['NaN', NaN],
    ['Infinity', Infinity],
    ['-Infinity', -Infinity],
  ])('refuses %s', (_, value) => {
    expect(() => canonicalJson({ a: [value] })).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ a: [value] })).toThrow('$.a[0]');
  });

  it('refuses what JSON.parse could not have produced', () => {
    expect(() => canonicalJson([1, undefined])).toThrow('$[1]: undefined is not a JSON value');
    expect(() => canonicalJson({ when: new Date(0) })).toThrow('$.when: a Date is not a JSON object');
    expect(() => canonicalJson(new Map())).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ f: () => 1 })).toThrow('a function has no JSON form');
    expect(() => canonicalJson(1n)).toThrow('a bigint has no JSON form');
    expect(() => canonicalJson(undefined)).toThrow(CanonicalJsonError);
    expect(() => canonicalJson(Symbol('s'))).toThrow(CanonicalJsonError);
    expect(() => canonicalJson({ s: 'a\ud800b' })).toThrow('lone UTF-16 surrogate');
    expect(() => canonicalJson({ ['\udc00']: 1 })).toThrow('lone UTF-16 surrogate');
    const cycle: Record<string, unknown> = {};
    cycle.self = cycle;
    expect(() => canonicalJson(cycle)).toThrow('cycle');
  });

  it('leaves out object members that are undefined, and accepts null-prototype objects', () => {
    expect(canonicalJson({ b: 1, a: undefined })).toBe('{"b":1}');
    const bare = Object.create(null) as Record<string, unknown>;
    bare.z = 'z';
    bare.a = 'a';
    expect(canonicalJson(bare)).toBe('{"a":"a","z":"z"}');
  });

  it('allows the same value twice when it is not a cycle', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: [shared] })).toBe('{"a":{"x":1},"b":[{"x":1}]}');
  });

  it('gives one text for any key order and whitespace', () => {
    const pack = demoPackRaw();
    const reordered = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(pack).reverse()), null, 4)) as unknown;
    expect(canonicalJson(reordered)).toBe(canonicalJson(pack));
    expect(canonicalJson(pack)).not.toMatch(/\n/);
  });

  it('pretty form parses back to the same canonical JSON, with sorted keys', () => {
    const pack = demoPackRaw();
    const pretty = prettyCanonicalJson(pack);
    expect(canonicalJson(JSON.parse(pretty))).toBe(canonicalJson(pack));
    expect(pretty.startsWith('{\n  "claims": [\n    {\n')).toBe(true);
    expect(prettyCanonicalJson({ b: [], a: {}, c: [1, { e: 2, d: 'x' }] })).toBe(
      '{\n  "a": {},\n  "b": [],\n  "c": [\n    1,\n    {\n      "d": "x",\n      "e": 2\n    }\n  ]\n}',
    );
  });
});
