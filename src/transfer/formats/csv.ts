import { TransferError } from '../errors';

/**
 * Rows of RFC 4180 CSV: comma-separated fields, a field in double quotes may hold commas,
 * line breaks and doubled quotes (`""`); records end with CRLF or LF. A quote left open to
 * the end of the text is `damaged-file`. Blank lines are dropped.
 * @see https://www.rfc-editor.org/rfc/rfc4180#section-2
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let at = 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== '') rows.push(row);
    row = [];
    field = '';
  };
  while (at < text.length) {
    const char = text[at]!;
    if (quoted) {
      if (char === '"' && text[at + 1] === '"') {
        field += '"';
        at += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      at += 1;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || (char === '\r' && text[at + 1] === '\n')) {
      endRow();
      if (char === '\r') at += 1;
    } else field += char;
    at += 1;
  }
  if (quoted) {
    throw new TransferError('damaged-file', 'This CSV file ends inside a quoted field.');
  }
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
