import { HtmlValidate } from 'html-validate'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import { ICON_FILES, iconHeadTags, webManifest } from '../../../plugins/fingerprint/core/icons'
import { buildIco, makeIcons } from '../../../plugins/fingerprint/images/icons'

/** Reads an ICO container: header, directory, and each entry's bytes. */
const parseIco = (bytes: Uint8Array) => {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const count = buf.readUInt16LE(4)
  const entries = Array.from({ length: count }, (_, i) => {
    const at = 6 + 16 * i
    const size = buf.readUInt32LE(at + 8)
    const offset = buf.readUInt32LE(at + 12)
    return {
      width: buf.readUInt8(at) || 256,
      height: buf.readUInt8(at + 1) || 256,
      planes: buf.readUInt16LE(at + 4),
      bpp: buf.readUInt16LE(at + 6),
      data: buf.subarray(offset, offset + size),
      offset,
      size,
    }
  })
  return { reserved: buf.readUInt16LE(0), type: buf.readUInt16LE(2), count, entries }
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

// a square raster favicon with transparent corners, and a wide SVG logo
const rasterFavicon = () =>
  sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="28" fill="#0f766e"/><rect x="22" y="22" width="20" height="20" fill="#fbbf24"/></svg>',
    ),
  )
    .png()
    .toBuffer()
const svgLogo = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 50" width="200" height="50"><rect width="200" height="50" rx="8" fill="#1d4ed8"/><circle cx="25" cy="25" r="15" fill="#fff"/></svg>',
)

describe('icon head tags (pure)', () => {
  it('lists the icon files', () => {
    expect(ICON_FILES.map((f) => f.path)).toEqual([
      'favicon.ico',
      'favicon-16x16.png',
      'favicon-32x32.png',
      'apple-touch-icon.png',
      'icon-192.png',
      'icon-512.png',
    ])
  })

  it('makes the link tags, with an optional version and manifest, and they validate', async () => {
    expect(iconHeadTags()).toBe(
      [
        '<link rel="icon" href="/favicon.ico" sizes="any">',
        '<link rel="icon" type="image/png" sizes="32x32" href="/favicon-32x32.png">',
        '<link rel="icon" type="image/png" sizes="16x16" href="/favicon-16x16.png">',
        '<link rel="apple-touch-icon" sizes="180x180" href="/apple-touch-icon.png">',
      ].join('\n'),
    )
    const tags = iconHeadTags({ version: 'ab12', manifest: true })
    expect(tags).toContain('href="/favicon.ico?v=ab12"')
    expect(tags).toContain('<link rel="manifest" href="/site.webmanifest?v=ab12">')
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'], rules: { 'doctype-style': 'off' } }).validateString(
      `<!doctype html><html lang="en"><head><title>t</title>${tags}</head><body><main><h1>t</h1></main></body></html>`,
    )
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([])
  })

  it('makes a web manifest naming the 192 and 512 icons', () => {
    const manifest = JSON.parse(webManifest({ name: 'Sunny Slots', themeColor: '#0f766e', lang: 'en' }))
    expect(manifest).toMatchObject({ name: 'Sunny Slots', short_name: 'Sunny Slots', lang: 'en', start_url: '/', theme_color: '#0f766e' })
    expect(manifest.icons.map((i: { src: string; sizes: string }) => `${i.src} ${i.sizes}`)).toEqual(['/icon-192.png 192x192', '/icon-512.png 512x512'])
    expect(webManifest({ name: 'x' })).toBe(webManifest({ name: 'x' }))
  })
})

describe('makeIcons (sharp)', async () => {
  const raster = await rasterFavicon()
  const fromRaster = await makeIcons(raster, { background: '#ff0000' })
  const fromSvg = await makeIcons(svgLogo)

  it('makes every file in ICON_FILES', () => {
    expect([...fromRaster.keys()]).toEqual(ICON_FILES.map((f) => f.path))
    expect([...fromSvg.keys()]).toEqual(ICON_FILES.map((f) => f.path))
  })

  it('favicon.ico is a real ICO with 16, 32 and 48 px PNG entries', async () => {
    for (const files of [fromRaster, fromSvg]) {
      const ico = files.get('favicon.ico')!
      expect([...ico.subarray(0, 6)]).toEqual([0, 0, 1, 0, 3, 0])
      const parsed = parseIco(ico)
      expect(parsed).toMatchObject({ reserved: 0, type: 1, count: 3 })
      expect(parsed.entries.map((e) => [e.width, e.height, e.planes, e.bpp])).toEqual([
        [16, 16, 1, 32],
        [32, 32, 1, 32],
        [48, 48, 1, 32],
      ])
      // entries are laid out back to back after the directory and fill the file exactly
      expect(parsed.entries[0]!.offset).toBe(6 + 16 * 3)
      const last = parsed.entries.at(-1)!
      expect(last.offset + last.size).toBe(ico.length)
      for (const entry of parsed.entries) {
        expect(entry.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true)
        const meta = await sharp(entry.data).metadata()
        expect([meta.format, meta.width, meta.height]).toEqual(['png', entry.width, entry.height])
      }
    }
  })

  it('PNG icons have their sizes; all but apple-touch-icon keep transparency', async () => {
    for (const files of [fromRaster, fromSvg]) {
      for (const file of ICON_FILES.filter((f) => f.path.endsWith('.png'))) {
        const meta = await sharp(files.get(file.path)!).metadata()
        expect([file.path, meta.format, meta.width, meta.height]).toEqual([file.path, 'png', file.sizes[0], file.sizes[0]])
        expect(meta.hasAlpha).toBe(file.path !== 'apple-touch-icon.png')
        expect(meta.exif).toBeUndefined()
      }
    }
  })

  it('apple-touch-icon is flattened onto the background colour; a wide logo is letterboxed, not stretched', async () => {
    const corner = await sharp(fromRaster.get('apple-touch-icon.png')!).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer()
    expect([...corner]).toEqual([255, 0, 0])
    const whiteCorner = await sharp(fromSvg.get('apple-touch-icon.png')!).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer()
    expect([...whiteCorner]).toEqual([255, 255, 255])
    // the 200x50 logo in a 512 square: transparent above, opaque blue in the middle row
    const big = sharp(fromSvg.get('icon-512.png')!).ensureAlpha()
    const top = await big.clone().extract({ left: 256, top: 10, width: 1, height: 1 }).raw().toBuffer()
    const middle = await big.clone().extract({ left: 400, top: 256, width: 1, height: 1 }).raw().toBuffer()
    expect(top[3]).toBe(0)
    expect([...middle]).toEqual([0x1d, 0x4e, 0xd8, 255])
  })

  it('is deterministic: the same source gives the same bytes', async () => {
    expect(await makeIcons(raster, { background: '#ff0000' })).toEqual(fromRaster)
    expect(await makeIcons(svgLogo)).toEqual(fromSvg)
  })

  it('rejects a source that is not an image', async () => {
    await expect(makeIcons(new TextEncoder().encode('hello'))).rejects.toThrow(/not an image/)
  })

  it('buildIco encodes 256 px as 0 and refuses larger entries', () => {
    const png = new Uint8Array([1, 2, 3])
    const ico = parseIco(buildIco([{ size: 256, png }]))
    expect(ico.entries[0]).toMatchObject({ width: 256, height: 256, size: 3 })
    expect(() => buildIco([{ size: 300, png }])).toThrow(/1\.\.256/)
  })
})
