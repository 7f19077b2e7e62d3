import type { FieldAccess } from 'payload'

/** For values only the server writes (counters, timestamps) or never reveals (secrets). */
export const nobody: FieldAccess = () => false
