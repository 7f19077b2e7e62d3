/**
 * RFC 4180 CSV, as spreadsheets write it: fields separated by commas, records by CRLF or LF (a lone CR too),
 * a field in double quotes may hold commas, line breaks and doubled quotes (`""` for `"`). A UTF-8 byte-order
 * mark at the start is dropped. No package for this is installed, and the grammar is small enough to own.
 */

export type CsvRecord = {
  /** The record's fields, as written (quotes removed, `""` made `"`). */
  fields: string[]
  /** 1-based record number, as a spreadsheet numbers its rows (a quoted line break does not start a row). */
  row: number
}

export class CsvSyntaxError extends Error {
  constructor(
    message: string,
    readonly row: number,
  ) {
    super(message)
    this.name = 'CsvSyntaxError'
  }
}

/**
 * Parses CSV text into records. A record of one empty field (a blank line) is dropped, so a trailing line
 * break or blank lines between rows make no empty rows. Throws CsvSyntaxError on a quote left open or text
 * after a closing quote (`"a"b`), naming the row.
 */
export const parseCsv = (input: string): CsvRecord[] => {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input
  const records: CsvRecord[] = []
  let fields: string[] = []
  let field = ''
  // the field so far was quoted: a quoted empty field is still a field, and nothing may follow its closing quote
  let wasQuoted = false
  let row = 1
  let i = 0
  const n = text.length
  const endField = () => {
    fields.push(field)
    field = ''
    wasQuoted = false
  }
  const endRecord = () => {
    endField()
    if (!(fields.length === 1 && fields[0] === '')) records.push({ fields, row })
    fields = []
    row++
  }
  while (i < n) {
    const c = text[i]
    if (c === '"' && field === '' && !wasQuoted) {
      const startRow = row
      i++
      for (;;) {
        if (i >= n) throw new CsvSyntaxError(`Row ${startRow}: a quoted field is never closed (a " is missing).`, startRow)
        const q = text[i]
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"'
            i += 2
            continue
          }
          i++
          break
        }
        field += q
        i++
      }
      wasQuoted = true
      const next = text[i]
      if (i < n && next !== ',' && next !== '\n' && next !== '\r') {
        throw new CsvSyntaxError(`Row ${row}: text follows a closing quote; put the whole field in quotes and write a quote inside it as "".`, row)
      }
      continue
    }
    if (c === ',') {
      endField()
      i++
      continue
    }
    if (c === '\r' || c === '\n') {
      // a blank line (or "" alone on a line) is a record of one empty field: dropped
      endRecord()
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1
      continue
    }
    field += c
    i++
  }
  if (field !== '' || wasQuoted || fields.length > 0) endRecord()
  return records
}

const needsQuotes = /[",\r\n]/

/** One field as CSV: quoted when it holds a comma, quote or line break (or starts with a quote). */
export const csvField = (value: string): string => (needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value)

/** Records to CSV text, CRLF between records (RFC 4180). */
export const stringifyCsv = (rows: string[][]): string => rows.map((fields) => fields.map(csvField).join(',')).join('\r\n')
