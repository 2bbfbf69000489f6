/** One line of the bank's answer, as read from its CSV file. */
export interface BankLine {
  row: number;
  claimId: string;
  status: 'paid' | 'failed' | '';
  bankReference: string;
  /** What is wrong with the line, as a message key of the finance words; empty when it can be applied. */
  problems: Array<
    'finance.csv.unknownClaim' | 'finance.csv.duplicate' | 'finance.csv.badStatus' | 'finance.csv.noReference' | 'finance.csv.recorded' | 'finance.csv.pending'
  >;
}

/** Cells of a CSV text (RFC 4180: quoted cells, doubled quotes, CRLF or LF), without a byte-order mark. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const source = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((value) => value.trim() !== ''));
}

const PAID = new Set(['paid', 'success', 'ok', '成功', '已支付', '已到账']);
const FAILED = new Set(['failed', 'fail', 'failure', '失败', '退回', '未到账']);
const HEADERS = {
  claimId: ['claimid', '申请编号', '申请号'],
  status: ['status', '状态', '结果'],
  bankReference: ['bankreference', 'reference', '银行流水号', '流水号'],
};

/**
 * The bank's answer: a header row naming `claimId`, `status` (paid / failed, or 成功 / 失败) and
 * `bankReference` (any order; extra columns ignored), then a line per payment. Each line is checked
 * against the batch: its claim in the batch, listed once, not recorded (nor waiting for a second
 * person) yet, with a reference.
 */
export function readBankAnswer(
  text: string,
  batch: { lines: Array<{ claimId: string; outcome?: string }> },
  /** Lines already recorded in a confirmation that waits for a second person. */
  pending: ReadonlySet<string> = new Set(),
): { lines: BankLine[]; missingColumns: string[] } {
  const [header = [], ...rows] = parseCsv(text);
  const names = header.map((h) =>
    h
      .trim()
      .toLowerCase()
      .replace(/[\s_-]/g, ''),
  );
  const column = (key: keyof typeof HEADERS) => names.findIndex((n) => HEADERS[key].includes(n));
  const at = { claimId: column('claimId'), status: column('status'), bankReference: column('bankReference') };
  const missingColumns = Object.entries(at)
    .filter(([, index]) => index < 0)
    .map(([name]) => name);
  if (missingColumns.length > 0) return { lines: [], missingColumns };
  const seen = new Set<string>();
  const lines = rows.map((cells, i): BankLine => {
    const claimId = (cells[at.claimId] ?? '').trim();
    const word = (cells[at.status] ?? '').trim().toLowerCase();
    const status = PAID.has(word) ? 'paid' : FAILED.has(word) ? 'failed' : '';
    const bankReference = (cells[at.bankReference] ?? '').trim();
    const line = batch.lines.find((l) => l.claimId === claimId);
    const problems: BankLine['problems'] = [];
    if (!line) problems.push('finance.csv.unknownClaim');
    else if (line.outcome) problems.push('finance.csv.recorded');
    else if (pending.has(claimId)) problems.push('finance.csv.pending');
    if (seen.has(claimId)) problems.push('finance.csv.duplicate');
    if (!status) problems.push('finance.csv.badStatus');
    if (!bankReference) problems.push('finance.csv.noReference');
    seen.add(claimId);
    return { row: i + 2, claimId, status, bankReference, problems };
  });
  return { lines, missingColumns };
}

/** Yuan as typed (`1,000.5`) in integer fen, or undefined when it is not an amount. */
export function fenOf(text: string): number | undefined {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(text.replaceAll(',', '').trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}
