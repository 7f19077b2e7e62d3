/** The drip queue's job runs here; Payload's own `schedulePublish` jobs go to the "default" queue (its admin queues them so). */
export const SCHEDULE_QUEUE = 'schedule'
export const DRIP_TASK = 'dripPublish'
export const SCHEDULE_PUBLISH_TASK = 'schedulePublish'
