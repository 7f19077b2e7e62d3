import { SOURCES, type DayStats } from './types'

const cell = (value: unknown): string => {
  const text = value === null || value === undefined ? '' : String(value)
  // quote when needed; a leading = + - @ would be read as a formula by spreadsheets
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export const CSV_COLUMNS = [
  'date', 'visitors', 'pageViews', 'sessions', 'bounces', 'bounceRate', 'pagesPerSession', 'clicks', 'conversions', 'revenue',
  ...SOURCES.map((s) => `sessions_${s}`),
] as const

/** One line per day of the range (days without a row are zeros), with sessions by source. */
export const daysCsv = (rows: (DayStats & { date: string })[], { from, to }: { from: string; to: string }): string => {
  const byDate = new Map(rows.map((r) => [r.date, r]))
  const lines = [CSV_COLUMNS.join(',')]
  for (let day = from; day <= to; day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) {
    const r = byDate.get(day)
    lines.push(
      [
        day,
        r?.visitors ?? 0,
        r?.pageViews ?? 0,
        r?.sessions ?? 0,
        r?.bounces ?? 0,
        r?.bounceRate ?? 0,
        r?.pagesPerSession ?? 0,
        r?.clicks ?? 0,
        r?.conversions ?? 0,
        r?.revenue ?? 0,
        ...SOURCES.map((s) => r?.sources?.[s] ?? 0),
      ]
        .map(cell)
        .join(','),
    )
  }
  return `${lines.join('\r\n')}\r\n`
}
