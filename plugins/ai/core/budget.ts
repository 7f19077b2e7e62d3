/**
 * The most tokens one provider call can be billed, worked out before the call
 * so the monthly budget can hold them in reserve. No Payload here.
 *
 * Input: both providers tokenize byte-level, so no input token is shorter
 * than one byte of UTF-8; the chat format adds a few tokens per message, and
 * a structured-output schema is billed as input too. Output: the call's own
 * max_tokens (OpenAI's max_completion_tokens includes reasoning tokens).
 * Images: gpt-image-1 bills at most 4,160 output tokens for a 1024×1024
 * image (high quality); DALL·E reports no tokens.
 */

export type CallBound = { inputTokens: number; outputTokens: number }

const MESSAGE_OVERHEAD = 8
const CALL_OVERHEAD = 16
const IMAGE_OUTPUT_TOKENS_1024 = 4_160

const bytes = (text: string | null | undefined): number => (text ? new TextEncoder().encode(text).length : 0)

export const inputTokenBound = (texts: (string | null | undefined)[]): number =>
  CALL_OVERHEAD + texts.reduce((sum, text) => sum + (text ? bytes(text) + MESSAGE_OVERHEAD : 0), 0)

export const textCallBound = ({ system, prompt, schema, maxTokens }: { system?: string | null; prompt: string; schema?: unknown; maxTokens: number }): CallBound => ({
  inputTokens: inputTokenBound([system, prompt, schema ? JSON.stringify(schema) : null]),
  outputTokens: maxTokens,
})

export const imageCallBound = ({ model, prompt }: { model: string; prompt: string }): CallBound => ({
  inputTokens: inputTokenBound([prompt]),
  outputTokens: model.startsWith('gpt-image') ? IMAGE_OUTPUT_TOKENS_1024 : 0,
})

export const boundTotal = (bounds: CallBound[]): number => bounds.reduce((sum, b) => sum + b.inputTokens + b.outputTokens, 0)

/**
 * What a call counts against the budget: the provider's usage when it
 * reported all of it; for a call cut short (`isPartial`), the bound for
 * whatever it did not report, since it may have billed up to that.
 */
export const chargeFor = ({ bound, usage, isPartial }: { bound: CallBound; usage?: { inputTokens: number; outputTokens: number }; isPartial: boolean }): number => {
  const input = usage?.inputTokens ?? 0
  const output = usage?.outputTokens ?? 0
  if (!isPartial) return input + output
  return (input > 0 ? input : bound.inputTokens) + Math.max(output, bound.outputTokens)
}

/** The calendar month (UTC) a budget counts in, as YYYY-MM. */
export const budgetMonth = (date = new Date()): string => date.toISOString().slice(0, 7)
