export const IMPORTS_SLUG = 'site-imports'
export const IMPORT_TASK = 'importSites'
export const IMPORT_STATUSES = ['queued', 'running', 'done', 'failed'] as const
export type ImportStatus = (typeof IMPORT_STATUSES)[number]
/** The largest file accepted (bytes): 2,000 rows of settings fit many times over. */
export const MAX_CSV_BYTES = 2 * 1024 * 1024
