export const ANALYTICS_QUEUE = 'analytics'
export const ROLLUP_TASK = 'analyticsRollup'
