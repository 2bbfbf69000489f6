import { describe, expect, it } from 'vitest';
import { fenOf, parseCsv, readBankAnswer } from '../../../functions/console/src/workspaces/finance/bank-csv';

const A = 'clm_01JD3Z7K8M9N0P1Q2R3S4T5V6A';
const B = 'clm_01JD3Z7K8M9N0P1Q2R3S4T5V6B';
const C = 'clm_01JD3Z7K8M9N0P1Q2R3S4T5V6C';
const batch = { lines: [{ claimId: A }, { claimId: B }, { claimId: C, outcome: 'paid' }] };

describe('the bank’s answer, read in the browser', () => {
  it('reads quoted cells, doubled quotes, CRLF and a byte-order mark, and skips blank lines', () => {
    expect(parseCsv('\uFEFFa,"b,1","say ""hi"""\r\n\r\nc,,d\n')).toEqual([
      ['a', 'b,1', 'say "hi"'],
      ['c', '', 'd'],
    ]);
    expect(parseCsv('x,y')).toEqual([['x', 'y']]);
  });

  it('takes the columns by name in any order, and paid / failed in English or Chinese', () => {
    const { lines, missingColumns } = readBankAnswer(`银行流水号,申请编号,结果,备注\nR-1,${A},成功,x\nR-2,${B},FAILED,\n`, batch);
    expect(missingColumns).toEqual([]);
    expect(lines).toEqual([
      { row: 2, claimId: A, status: 'paid', bankReference: 'R-1', problems: [] },
      { row: 3, claimId: B, status: 'failed', bankReference: 'R-2', problems: [] },
    ]);
  });

  it('names every problem of a line: not in the batch, listed twice, answered already, no status, no reference', () => {
    const text = `claimId,status,bankReference\nclm_X,paid,R\n${A},paid,R\n${A},paid,R\n${C},paid,R\n${B},maybe,\n`;
    expect(readBankAnswer(text, batch).lines.map((l) => l.problems)).toEqual([
      ['finance.csv.unknownClaim'],
      [],
      ['finance.csv.duplicate'],
      ['finance.csv.recorded'],
      ['finance.csv.badStatus', 'finance.csv.noReference'],
    ]);
  });

  it('does not take a line again while its answer waits for a second person', () => {
    const text = `claimId,status,bankReference\n${A},paid,R\n${B},paid,R\n`;
    expect(readBankAnswer(text, batch, new Set([B])).lines.map((l) => l.problems)).toEqual([[], ['finance.csv.pending']]);
  });

  it('refuses a file without the columns it needs', () => {
    expect(readBankAnswer(`claimId,amount\n${A},1\n`, batch)).toEqual({ lines: [], missingColumns: ['status', 'bankReference'] });
  });
});

describe('amounts typed in yuan', () => {
  it('become integer fen without float rounding', () => {
    expect(fenOf('10500')).toBe(1_050_000);
    expect(fenOf('1,000.5')).toBe(100_050);
    expect(fenOf('0.07')).toBe(7);
    expect(fenOf('19.99')).toBe(1999);
    expect(fenOf('1.234')).toBeUndefined();
    expect(fenOf('-5')).toBeUndefined();
    expect(fenOf('')).toBeUndefined();
  });
});
