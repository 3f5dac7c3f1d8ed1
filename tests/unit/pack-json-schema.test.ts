import { readFileSync } from 'node:fs';
import Ajv2020 from 'ajv/dist/2020';
import { describe, expect, it } from 'vitest';
import { HTTP_SCHEME_PATTERN, PACK_SCHEMA_PATH, packJsonSchema, packJsonSchemaText } from '../../scripts/generate-pack-schema';
import { HttpUrlSchema } from '../../src/schema/common';
import { PackSchema } from '../../src/schema/pack';
import { demoPackRaw } from './support/test-database';

const validator = () => new Ajv2020({ allErrors: true, strict: true }).compile(packJsonSchema());

describe('docs/pack.schema.json', () => {
  it('is what the Zod schema generates now (run `npm run pack-schema` after changing src/schema/)', () => {
    expect(readFileSync(PACK_SCHEMA_PATH, 'utf8')).toBe(packJsonSchemaText());
  });

  it('is a draft 2020-12 schema that lists what it cannot express', () => {
    const schema = packJsonSchema();
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.description).toMatch(/unique/);
    expect(schema.description).toMatch(/evidence\[\]\.source/);
  });

  it('accepts the demo pack, as Zod does', () => {
    const validate = validator();
    const raw = demoPackRaw();
    expect(validate(raw), JSON.stringify(validate.errors)).toBe(true);
    expect(PackSchema.safeParse(raw).success).toBe(true);
  });

  it('accepts a pack that leaves out fields with defaults and adds unknown fields', () => {
    const raw = demoPackRaw() as Record<string, unknown> & ReturnType<typeof demoPackRaw>;
    const { summary: _s, tags: _t, evidence: _e, ...bare } = raw.claims[0]!;
    const pack = { ...raw, claims: [{ ...bare, futureField: 1 }], extra: { anything: true } };
    expect(validator()(pack)).toBe(true);
    expect(PackSchema.safeParse(pack).success).toBe(true);
  });

  it('refuses a bad verdict, as Zod does', () => {
    const raw = demoPackRaw();
    raw.claims[2]!.verdict = 'probably-false';
    const validate = validator();
    expect(validate(raw)).toBe(false);
    expect(validate.errors?.some((e) => e.instancePath === '/claims/2/verdict')).toBe(true);
    expect(PackSchema.safeParse(raw).success).toBe(false);
  });

  it.each(['javascript:alert(1)', 'data:text/html,<b>x</b>', '/relative/path', 'ftp://example.org/file'])(
    'refuses the source URL %s, as Zod does',
    (url) => {
      const raw = demoPackRaw();
      raw.sources[1]!.url = url;
      const validate = validator();
      expect(validate(raw)).toBe(false);
      expect(validate.errors?.some((e) => e.instancePath === '/sources/1/url')).toBe(true);
      expect(PackSchema.safeParse(raw).success).toBe(false);
    },
  );

  it('the URL pattern never refuses a URL that Zod accepts', () => {
    const pattern = new RegExp(HTTP_SCHEME_PATTERN, 'u');
    const accepted = [
      'https://example.org/a',
      'HTTP://EXAMPLE.ORG',
      '  https://example.org',
      '\u0000\u001f https://example.org',
      'ht\ntps://example.org',
      'h\tt\rt\np\ts\n://example.org',
      'https:example.org',
      'http:/example.org',
    ];
    for (const url of accepted) {
      expect(HttpUrlSchema.safeParse(url).success, JSON.stringify(url)).toBe(true);
      expect(pattern.test(url), JSON.stringify(url)).toBe(true);
    }
  });

  it('refuses a missing field, and leaves cross-references to Zod', () => {
    const raw = demoPackRaw() as Partial<ReturnType<typeof demoPackRaw>>;
    delete raw.license;
    expect(validator()(raw)).toBe(false);
    // Cross-references are beyond JSON Schema: a dangling evidence source passes it, not Zod.
    const dangling = demoPackRaw();
    dangling.claims[0]!.evidence[0]!.source = 'nope';
    expect(validator()(dangling)).toBe(true);
    expect(PackSchema.safeParse(dangling).success).toBe(false);
  });
});
