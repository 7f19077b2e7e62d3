import sharp from 'sharp'

/** Real image bytes made locally, so no test downloads anything. */
export const pngBytes = (width = 64, height = 48, color = '#2563eb'): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer()

export const jpegBytes = (width = 64, height = 48, color = '#16a34a'): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: color } }).jpeg().toBuffer()

export const uploadForm = (file: { bytes: Buffer; name: string; type: string }, data: Record<string, unknown>): FormData => {
  const form = new FormData()
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name)
  form.append('_payload', JSON.stringify(data))
  return form
}
