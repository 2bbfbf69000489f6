import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../shared/csv';

describe('the CSV writer', () => {
  it('starts with a UTF-8 byte-order mark and ends every line with CRLF', () => {
    const csv = toCsv(
      ['名称', 'amount'],
      [
        ['天府创业', 12],
        ['成都', 3],
      ],
    );
    expect(csv.startsWith('\uFEFF名称,amount\r\n')).toBe(true);
    expect(csv).toBe('\uFEFF名称,amount\r\n天府创业,12\r\n成都,3\r\n');
    expect(Buffer.from(csv, 'utf8').subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  });

  it('quotes cells with commas, quotes or line breaks as RFC 4180 says, and only those', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
  });

  it('defuses every cell that a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = csvCell(`${start}HYPERLINK("http://evil.example","x")`);
      expect(cell.replace(/^"/, '').startsWith(`'${start}`), JSON.stringify(cell)).toBe(true);
    }
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('-2+3')).toBe("'-2+3");
  });

  it('keeps numbers and plain numeric text as numbers', () => {
    expect(csvCell(-1250)).toBe('-1250');
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell('1234.56')).toBe('1234.56');
    expect(csvCell(true)).toBe('true');
  });
});
