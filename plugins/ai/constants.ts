export const GENERATIONS_SLUG = 'ai-generations'
export const BATCHES_SLUG = 'ai-batches'
export const AI_QUEUE = 'ai'
export const BATCH_TASK = 'aiGenerateBatch'
