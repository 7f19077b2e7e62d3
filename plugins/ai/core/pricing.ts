/** USD per million tokens. Longest matching model prefix wins; configurable through the plugin options. */
export type PriceTable = Record<string, { input: number; output: number }>

export const DEFAULT_PRICES: PriceTable = {
  'gpt-4o-mini': { input: 0.15, output: 0.6 },
  'gpt-4o': { input: 2.5, output: 10 },
  'gpt-4.1-nano': { input: 0.1, output: 0.4 },
  'gpt-4.1-mini': { input: 0.4, output: 1.6 },
  'gpt-4.1': { input: 2, output: 8 },
  'gpt-5-nano': { input: 0.05, output: 0.4 },
  'gpt-5-mini': { input: 0.25, output: 2 },
  'gpt-5': { input: 1.25, output: 10 },
  'gpt-image-1-mini': { input: 2, output: 8 },
  'gpt-image-1': { input: 5, output: 40 },
  'claude-haiku': { input: 1, output: 5 },
  'claude-3-5-haiku': { input: 0.8, output: 4 },
  'claude-sonnet': { input: 3, output: 15 },
  'claude-opus': { input: 15, output: 75 },
}

export const priceFor = (table: PriceTable, model: string): { input: number; output: number } | null => {
  let best: string | null = null
  for (const prefix of Object.keys(table)) {
    if (model.startsWith(prefix) && (best === null || prefix.length > best.length)) best = prefix
  }
  return best === null ? null : table[best]
}

/** Null when the model is not in the table: unknown, not free. */
export const estimateCost = ({ table, model, inputTokens, outputTokens }: { table: PriceTable; model: string; inputTokens: number; outputTokens: number }): number | null => {
  const price = priceFor(table, model)
  if (!price) return null
  return Math.round(((inputTokens * price.input + outputTokens * price.output) / 1_000_000) * 1e6) / 1e6
}

export type CallUsage = { model: string; inputTokens: number; outputTokens: number }

/** Several calls (an image and its alt text), each at its own model's prices; null when any model has no price. */
export const estimateCallsCost = ({ table, calls }: { table: PriceTable; calls: CallUsage[] }): number | null => {
  let total = 0
  for (const call of calls) {
    const cost = estimateCost({ table, ...call })
    if (cost === null) return null
    total += cost
  }
  return Math.round(total * 1e6) / 1e6
}
