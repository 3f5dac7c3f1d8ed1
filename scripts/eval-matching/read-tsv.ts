/**
 * Tab-separated text with CSV-style quoting, as pandas writes it (the CLEF CheckThat! files): a
 * field that starts with `"` runs to the next lone `"`, may hold tabs and line breaks, and spells a
 * quote as `""`. A `"` anywhere else in a field is an ordinary character. Splitting on tabs and
 * newlines would cut the 14 verified claims that contain a line break into bogus rows.
 */
export interface TsvRow {
  /** 1-based line of the file on which the row starts, for error messages */
  line: number;
  fields: string[];
}

export class TsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(`line ${line}: ${message}`);
    this.name = 'TsvSyntaxError';
  }
}

/**
 * Parses the whole text. A leading byte-order mark is dropped, CRLF counts as one line break, and
 * empty lines are skipped (the files end with a newline; no row in them is legitimately empty).
 * Strict where leniency would hide damage: text between a closing quote and the next tab or line
 * break, or a quote never closed, is an error naming the line.
 */
export function readTsv(text: string): TsvRow[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const rows: TsvRow[] = [];
  const n = src.length;
  let line = 1;
  let i = 0;
  while (i < n) {
    const rowLine = line;
    const rowStart = i;
    const fields: string[] = [];
    let atRowEnd = false;
    while (!atRowEnd) {
      let field = '';
      if (src[i] === '"') {
        const openLine = line;
        i++;
        for (;;) {
          if (i >= n) throw new TsvSyntaxError('a quoted field is never closed', openLine);
          const c = src[i]!;
          if (c === '"') {
            if (src[i + 1] === '"') {
              field += '"';
              i += 2;
              continue;
            }
            i++;
            break;
          }
          if (c === '\n') line++;
          field += c;
          i++;
        }
        const next = src[i];
        if (next !== undefined && next !== '\t' && next !== '\n' && !(next === '\r' && src[i + 1] === '\n'))
          throw new TsvSyntaxError(`unexpected ${JSON.stringify(next)} after a closing quote`, line);
      } else {
        const start = i;
        while (i < n && src[i] !== '\t' && src[i] !== '\n' && !(src[i] === '\r' && src[i + 1] === '\n')) i++;
        field = src.slice(start, i);
      }
      fields.push(field);
      if (i >= n) atRowEnd = true;
      else if (src[i] === '\t') i++;
      else {
        i += src[i] === '\r' ? 2 : 1;
        line++;
        atRowEnd = true;
      }
    }
    const blank = fields.length === 1 && fields[0] === '' && src[rowStart] !== '"';
    if (!blank) rows.push({ line: rowLine, fields });
  }
  return rows;
}
