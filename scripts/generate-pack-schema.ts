/**
 * Writes docs/pack.schema.json, the JSON Schema (draft 2020-12) of the pack format, generated from
 * the Zod schema that defines it (src/schema/pack.ts). Run `npm run pack-schema` after changing
 * the schemas; tests/unit/pack-json-schema.test.ts fails while the committed file is stale.
 *
 * The JSON Schema is for editors and other tools. It describes the file as written (Zod's input
 * side: fields with defaults are optional). What it cannot express is listed in its description;
 * Crosscheck itself always validates with Zod (parsePack).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';
import { HttpUrlSchema } from '../src/schema/common';
import { PackSchema } from '../src/schema/pack';

export const PACK_SCHEMA_PATH = fileURLToPath(new URL('../docs/pack.schema.json', import.meta.url));

/**
 * The URL's scheme as the WHATWG URL parser reads it: leading spaces and C0 controls are skipped
 * and tabs and newlines anywhere are ignored, so this is true of every URL that HttpUrlSchema
 * accepts, and false of `javascript:`, `data:` and relative URLs.
 */
export const HTTP_SCHEME_PATTERN = '^[\\u0000-\\u0020]*[Hh][\\t\\n\\r]*[Tt][\\t\\n\\r]*[Tt][\\t\\n\\r]*[Pp][\\t\\n\\r]*([Ss][\\t\\n\\r]*)?:';

const DESCRIPTION = [
  'A Crosscheck claim pack, format version 1 (docs/pack-format.md). Generated from the Zod schemas in src/schema/ by',
  '`npm run pack-schema`; where this schema and Crosscheck disagree, Crosscheck (Zod) is right.',
  'Crosscheck also checks what JSON Schema cannot express:',
  '(1) source ids are unique within the pack, and so are claim ids;',
  '(2) every claims[].evidence[].source is the id of a source in the same pack, and no id in removals is also',
  'the id of a claim;',
  '(3) text fields are trimmed before their length is checked: a required text may not be whitespace only, and',
  'surrounding whitespace does not count toward a limit (this schema counts it, in code points; Crosscheck counts',
  'the trimmed text in UTF-16 code units);',
  '(4) a URL must parse as an absolute http(s) URL; this schema checks only its scheme.',
  'Fields not described here are accepted and ignored.',
].join(' ');

/** The pack format's JSON Schema, as an object. */
export function packJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(PackSchema, {
    target: 'draft-2020-12',
    io: 'input',
    override: (ctx) => {
      if (ctx.zodSchema === HttpUrlSchema) {
        ctx.jsonSchema.pattern = HTTP_SCHEME_PATTERN;
        ctx.jsonSchema.description = 'An absolute http: or https: URL (the pattern checks the scheme).';
      }
    },
  });
  const { $schema, ...rest } = generated;
  return { $schema, title: 'Crosscheck pack', description: DESCRIPTION, ...rest };
}

/** The text of docs/pack.schema.json. */
export function packJsonSchemaText(): string {
  return `${JSON.stringify(packJsonSchema(), null, 2)}\n`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(PACK_SCHEMA_PATH, packJsonSchemaText());
  console.log(`wrote ${PACK_SCHEMA_PATH}`);
}
