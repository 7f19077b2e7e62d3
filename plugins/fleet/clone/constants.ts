export const CLONES_SLUG = 'site-clones'
export const CLONE_TASK = 'cloneSite'
/** Clones run on a queue of their own: a 1,000-page copy never waits behind deploys, nor holds them up. */
export const FLEET_QUEUE = 'fleet'
export const CLONE_STATUSES = ['queued', 'running', 'done', 'failed'] as const
export type CloneStatus = (typeof CLONE_STATUSES)[number]
