/** Browser helpers shared by the AI buttons: calling the API and reading its Server-Sent Events. */

export type GenerationInfo = {
  id: number | string | null
  provider: string
  model: string
  inputTokens: number
  outputTokens: number
  costEstimate: number | null
  durationMs: number
}

export type GenerateOutcome = { fields: Record<string, unknown>; generation: GenerationInfo; text: string }

export const apiUrl = (config: { serverURL?: string; routes?: { api?: string } }, path: string): string =>
  `${config.serverURL ?? ''}${config.routes?.api ?? '/api'}${path}`

export const errorMessage = async (response: Response): Promise<string> => {
  try {
    const body = (await response.json()) as { errors?: { message?: string }[]; message?: string }
    return body.errors?.[0]?.message ?? body.message ?? `The server answered ${response.status}.`
  } catch {
    return `The server answered ${response.status}.`
  }
}

/** Reads `event:`/`data:` frames from a fetch body and calls `onEvent` for each. */
export const readEvents = async (body: ReadableStream<Uint8Array>, onEvent: (event: string, data: any) => void): Promise<void> => {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let buffer = ''
  for (;;) {
    const { done, value } = await reader.read()
    if (value) buffer += decoder.decode(value, { stream: true })
    let end = buffer.indexOf('\n\n')
    while (end >= 0) {
      const frame = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      let event = 'message'
      const data: string[] = []
      for (const line of frame.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim()
        else if (line.startsWith('data:')) data.push(line.slice(5).trimStart())
      }
      if (data.length) {
        try {
          onEvent(event, JSON.parse(data.join('\n')))
        } catch {
          // a malformed frame is skipped
        }
      }
      end = buffer.indexOf('\n\n')
    }
    if (done) return
  }
}
