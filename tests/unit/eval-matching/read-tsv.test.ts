import { describe, expect, it } from 'vitest';
import { readTsv, TsvSyntaxError } from '../../../scripts/eval-matching/read-tsv';

const fields = (text: string) => readTsv(text).map((row) => row.fields);

describe('readTsv', () => {
  it('splits rows on line breaks and fields on tabs, keeping empty fields', () => {
    expect(fields('\tvclaim\ttitle\n0\tA claim.\tA title\n1\tB\t\n')).toEqual([
      ['', 'vclaim', 'title'],
      ['0', 'A claim.', 'A title'],
      ['1', 'B', ''],
    ]);
  });

  it('unquotes quoted fields and turns "" into one quote', () => {
    expect(fields('2\t"A ""Trump and Obama"" meme."\tt\n')).toEqual([['2', 'A "Trump and Obama" meme.', 't']]);
    expect(fields('3\t""\t""""\n')).toEqual([['3', '', '"']]);
  });

  it('keeps tabs and line breaks inside quotes, and counts lines for the rows after', () => {
    const rows = readTsv('0\t"one\ttwo\nthree\r\nfour"\tx\n1\tnext\tx\n');
    expect(rows).toEqual([
      { line: 1, fields: ['0', 'one\ttwo\nthree\r\nfour', 'x'] },
      { line: 4, fields: ['1', 'next', 'x'] },
    ]);
  });

  it('treats a quote inside an unquoted field as an ordinary character', () => {
    expect(fields('0\tTrump says "my c" then\n')).toEqual([['0', 'Trump says "my c" then']]);
  });

  it('drops a byte-order mark, accepts CRLF and a missing final newline, skips blank lines', () => {
    const rows = readTsv('\ufeff\tid\r\n\r\n7\tx\r\n8\ty');
    expect(rows).toEqual([
      { line: 1, fields: ['', 'id'] },
      { line: 3, fields: ['7', 'x'] },
      { line: 4, fields: ['8', 'y'] },
    ]);
  });

  it('reports an unclosed quote at the line where the field opens', () => {
    expect(() => readTsv('0\tok\n1\t"never closed\nmore\n')).toThrow(TsvSyntaxError);
    expect(() => readTsv('0\tok\n1\t"never closed\nmore\n')).toThrow(/^line 2: /);
  });

  it('refuses text between a closing quote and the next separator', () => {
    expect(() => readTsv('0\t"quoted"junk\tx\n')).toThrow(/line 1: unexpected "j" after a closing quote/);
  });
});
