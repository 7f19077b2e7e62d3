import sharp from 'sharp'
import { beforeAll, describe, expect, it } from 'vitest'

import { pngBytes, uploadForm } from '../helpers/files'
import { rest } from '../helpers/rest'
import { getWorld, type World } from '../helpers/world'

let w: World

beforeAll(async () => {
  w = await getWorld()
})

const upload = async (bytes: Buffer, name: string, type: string, data: Record<string, unknown> = {}) => {
  const before = (await w.payload.count({ collection: 'media' })).totalDocs
  const res = await rest('POST', '/media', {
    token: w.tokens.editorA,
    form: uploadForm({ bytes, name, type }, { alt: 'Test file', site: w.siteA.id, ...data }),
  })
  const after = (await w.payload.count({ collection: 'media' })).totalDocs
  return { ...res, created: after - before }
}

const errorText = (body: any): string => JSON.stringify(body?.errors ?? body)

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)])
const SVG_WITH_SCRIPT =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script>' +
  '<a href="javascript:alert(3)"><rect width="10" height="10" fill="red"/></a></svg>'

describe('media uploads through REST', () => {
  it('accepts a real image, stores the sniffed type and makes WebP sizes', async () => {
    const bytes = await sharp({ create: { width: 1200, height: 800, channels: 3, background: '#0ea5e9' } }).jpeg().toBuffer()
    const res = await upload(bytes, 'landscape.jpg', 'image/jpeg')
    expect(res.status, errorText(res.body)).toBe(201)
    expect(res.body.doc.mimeType).toBe('image/jpeg')
    expect(res.body.doc.width).toBe(1200)
    expect(res.body.doc.sizes.card.filename).toMatch(/\.webp$/)
    expect(res.body.doc.sizes.card.width).toBe(768)
    expect(res.body.doc.sizes.feature.filename ?? null).toBeNull()
  })

  it('accepts a PDF', async () => {
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n' +
        'xref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000052 00000 n \n' +
        'trailer<</Size 3/Root 1 0 R>>\nstartxref\n98\n%%EOF\n',
    )
    const res = await upload(pdf, 'brochure.pdf', 'application/pdf', { alt: '' })
    expect(res.status, errorText(res.body)).toBe(201)
    expect(res.body.doc.mimeType).toBe('application/pdf')
  })

  it('refuses a renamed executable and says what it is', async () => {
    const res = await upload(ELF, 'holiday.jpg', 'image/jpeg')
    expect(res.status).toBe(415)
    expect(errorText(res.body)).toMatch(/holiday\.jpg/)
    expect(errorText(res.body)).toMatch(/not an allowed file type/i)
    expect(res.created).toBe(0)
  })

  it('refuses an HTML file named .png', async () => {
    const html = Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>')
    const res = await upload(html, 'photo.png', 'image/png')
    expect(res.status).toBe(415)
    expect(errorText(res.body)).toMatch(/HTML/)
    expect(res.created).toBe(0)
  })

  for (const prolog of ['', '<?xml version="1.0" encoding="UTF-8"?>\n']) {
    it(`cleans an SVG with a script, an event handler and a javascript: link${prolog ? ' (with an <?xml prolog)' : ''}`, async () => {
      const res = await upload(Buffer.from(prolog + SVG_WITH_SCRIPT), 'icon.svg', 'image/svg+xml')
      expect(res.status, errorText(res.body)).toBe(201)
      expect(res.body.doc.mimeType).toBe('image/svg+xml')
      const stored = await rest('GET', `/media/file/${encodeURIComponent(res.body.doc.filename)}`, { token: w.tokens.editorA })
      expect(stored.status).toBe(200)
      const svg = String(stored.body)
      expect(svg).toContain('<rect')
      expect(svg).not.toMatch(/<script|onload|javascript:/i)
    })
  }

  it('refuses an SVG that is nothing but a script', async () => {
    const res = await upload(Buffer.from('<?xml version="1.0"?><script>alert(1)</script>'), 'evil.svg', 'image/svg+xml')
    expect([400, 415]).toContain(res.status)
    expect(res.created).toBe(0)
  })

  it('refuses a file over 30 MB with a 413 that says the limit', async () => {
    const big = Buffer.concat([await pngBytes(), Buffer.alloc(30 * 1024 * 1024)])
    const res = await upload(big, 'huge.png', 'image/png')
    expect(res.status).toBe(413)
    expect(errorText(res.body)).toMatch(/30 MB/)
    expect(res.created).toBe(0)
  })
})
