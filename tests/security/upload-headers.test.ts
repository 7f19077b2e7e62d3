import { beforeAll, describe, expect, it } from 'vitest'

import { jpegBytes, uploadForm } from '../helpers/files'
import { rest } from '../helpers/rest'
import { getWorld, type World } from '../helpers/world'

let w: World

beforeAll(async () => {
  w = await getWorld()
})

const upload = async (bytes: Buffer, name: string, type: string, alt = 'A picture') => {
  const res = await rest('POST', '/media', { token: w.tokens.editorA, form: uploadForm({ bytes, name, type }, { alt, site: w.siteA.id }) })
  expect(res.status, JSON.stringify(res.body)).toBe(201)
  return res.body.doc as { filename: string; sizes: Record<string, { filename: string | null }> }
}

const serve = (filename: string) => rest('GET', `/media/file/${encodeURIComponent(filename)}`, { token: w.tokens.editorA })

describe('files served from the media library', () => {
  it('a JPEG with HTML after its image data is served as a JPEG the browser may not sniff', async () => {
    const bytes = Buffer.concat([await jpegBytes(400, 300), Buffer.from('<html><body><script>alert(document.cookie)</script></body></html>')])
    const doc = await upload(bytes, 'polyglot.jpg', 'image/jpeg')
    const res = await serve(doc.filename)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('image/jpeg')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('content-disposition')).toBeNull()
    const size = await serve(doc.sizes.thumbnail!.filename!)
    expect(size.status).toBe(200)
    expect(size.headers.get('content-type')).toBe('image/webp')
    expect(size.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it('anything but an image is served as an attachment', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
        'xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n' +
        'trailer<</Size 3/Root 1 0 R>>\nstartxref\n98\n%%EOF\n',
    )
    const doc = await upload(pdf, 'brochure.pdf', 'application/pdf', '')
    const res = await serve(doc.filename)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('application/pdf')
    expect(res.headers.get('content-disposition')).toBe('attachment')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
