/**
 * What the `media` collection accepts, decided from the bytes of the upload.
 * The file name and the browser's MIME type are chosen by the uploader, so they
 * are only used to word the error message, never to decide.
 */
import createDOMPurify, { type DOMPurify, type RemovedAttribute, type RemovedElement, type WindowLike } from 'dompurify'
import { fileTypeFromBuffer } from 'file-type'
import { JSDOM } from 'jsdom'

export const MAX_UPLOAD_BYTES = 30 * 1024 * 1024

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'

// Labels feed the "Allowed: ..." sentence; the first extension is the canonical one.
const TYPES = {
  'image/jpeg': { label: 'JPEG', exts: ['jpg', 'jpeg', 'jpe', 'jfif'] },
  'image/png': { label: 'PNG', exts: ['png', 'apng'] },
  'image/gif': { label: 'GIF', exts: ['gif'] },
  'image/webp': { label: 'WebP', exts: ['webp'] },
  'image/avif': { label: 'AVIF', exts: ['avif'] },
  'image/svg+xml': { label: 'SVG', exts: ['svg'] },
  'application/pdf': { label: 'PDF', exts: ['pdf'] },
  'application/msword': { label: 'Word (.doc)', exts: ['doc'] },
  [DOCX]: { label: 'Word (.docx)', exts: ['docx'] },
  'video/mp4': { label: 'MP4', exts: ['mp4', 'm4v'] },
  'video/webm': { label: 'WebM', exts: ['webm'] },
  'video/ogg': { label: 'Ogg video', exts: ['ogv', 'ogg'] },
} as const

export type AllowedMimeType = keyof typeof TYPES

export const ALLOWED_MIME_TYPES = Object.keys(TYPES) as AllowedMimeType[]

/**
 * For `upload.mimeTypes`: Payload re-sniffs with file-type after our hook and
 * reports the container, not what we narrowed it to (.doc is `application/x-cfb`,
 * APNG is `image/apng`, an Ogg whose first track is audio or Skeleton is
 * `audio/ogg`/`application/ogg`). `sniffUpload` has already refused the bad
 * cases, so Payload's second check must not refuse the good ones.
 */
export const PAYLOAD_MIME_TYPES: string[] = [
  ...ALLOWED_MIME_TYPES,
  'application/x-cfb',
  'image/apng',
  'audio/ogg',
  'application/ogg',
]

const ALLOWED_SUMMARY = Object.values(TYPES)
  .map((t) => t.label)
  .join(', ')

export type SniffInput = { data: Uint8Array; filename: string; declaredMimeType?: string }
export type SniffAccepted = {
  ok: true
  mimeType: AllowedMimeType
  ext: string
  /** Only for SVG: the bytes to store instead of the upload. */
  sanitized?: { data: Buffer; removed: string[] }
}
export type SniffRefused = { ok: false; status: 400 | 413 | 415; message: string }
export type SniffResult = SniffAccepted | SniffRefused

type Found = { mime: string; what: string }

const DESCRIPTIONS: Record<string, string> = {
  'application/x-elf': 'an ELF executable',
  'application/x-msdownload': 'a Windows executable',
  'application/vnd.microsoft.portable-executable': 'a Windows executable',
  'application/x-mach-binary': 'a Mach-O executable',
  'application/zip': 'a ZIP archive',
  'application/java-archive': 'a Java archive',
  'application/vnd.ms-word.document.macroenabled.12': 'a macro-enabled Word document',
}

const MB = 1024 * 1024

export const tooLarge = (filename: string, bytes: number): SniffRefused => ({
  ok: false,
  status: 413,
  // Rounded up so a file just over the limit never reads as "30.0 MB".
  message: `"${filename}" is ${(Math.ceil((bytes / MB) * 10) / 10).toFixed(1)} MB; the limit is ${MAX_UPLOAD_BYTES / MB} MB. Compress or resize it and upload again.`,
})

const expectedKind = (filename: string, declared = ''): string | undefined => {
  const ext = extensionOf(filename)
  const mime = (Object.keys(TYPES) as AllowedMimeType[]).find((m) => (TYPES[m].exts as readonly string[]).includes(ext))
  const hint = mime ?? declared.toLowerCase()
  if (hint.startsWith('image/')) return 'an image'
  if (hint.startsWith('video/')) return 'a video'
  if (hint === 'application/pdf') return 'a PDF'
  if (hint === 'application/msword' || hint === DOCX) return 'a Word document'
  return undefined
}

const refuseType = (input: SniffInput, found: Found): SniffRefused => {
  const expected = expectedKind(input.filename, input.declaredMimeType)
  return {
    ok: false,
    status: 415,
    message: `"${input.filename}" is not an allowed file type: its content is ${found.what} (${found.mime})${expected ? `, not ${expected}` : ''}. Allowed: ${ALLOWED_SUMMARY}.`,
  }
}

const BOMS = [[0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]].map((b) => Buffer.from(b))

const accept = (mimeType: AllowedMimeType): SniffAccepted => ({ ok: true, mimeType, ext: TYPES[mimeType].exts[0] })

export async function sniffUpload(input: SniffInput): Promise<SniffResult> {
  const data = Buffer.from(input.data.buffer, input.data.byteOffset, input.data.byteLength)
  if (data.length === 0) {
    return { ok: false, status: 400, message: `"${input.filename}" is empty (0 bytes). Choose the file again and upload it.` }
  }
  if (data.length > MAX_UPLOAD_BYTES) return tooLarge(input.filename, data.length)

  // A UTF-16 BOM (FF FE) looks like an MPEG audio frame to file-type, so text with a BOM skips it.
  let detected: Awaited<ReturnType<typeof fileTypeFromBuffer>>
  try {
    detected = BOMS.some((bom) => data.subarray(0, bom.length).equals(bom)) ? undefined : await fileTypeFromBuffer(data)
  } catch {
    return refuseType(input, { mime: 'application/octet-stream', what: 'data that could not be read' })
  }
  // SVG is text: file-type finds nothing, or "application/xml" when there is a prolog.
  if (!detected || detected.mime === 'application/xml') return sniffText(data, input)

  const { mime, ext } = detected
  // APNG is a valid PNG and is registered under image/png; image/apng is unofficial.
  if (mime === 'image/apng') return accept('image/png')
  if (mime === 'application/x-cfb') {
    return hasCfbStream(data, 'WordDocument')
      ? accept('application/msword')
      : refuseType(input, { mime, what: 'an OLE/CFB container that is not a Word document' })
  }
  if (mime === 'application/zip' || mime === DOCX) {
    const names = zipEntryNames(data)
    if (names?.includes('word/vbaProject.bin')) return refuseType(input, { mime, what: 'a Word document with macros' })
    if (names?.includes('[Content_Types].xml') && names.includes('word/document.xml')) return accept(DOCX)
    return refuseType(input, { mime, what: names ? 'a ZIP archive that is not a Word document' : 'a damaged ZIP archive' })
  }
  // file-type names an Ogg file after its first track only. A video file may
  // announce its audio or Skeleton track first, so look at every track header.
  // Audio-only Ogg is refused rather than relabelled: it is not a video.
  if (mime.startsWith('audio/ogg') || mime === 'application/ogg' || mime === 'video/ogg') {
    return oggHasVideoTrack(data) ? accept('video/ogg') : refuseType(input, { mime, what: 'Ogg without a video track' })
  }
  if (mime in TYPES && mime !== 'image/svg+xml') return accept(mime as AllowedMimeType)
  return refuseType(input, { mime, what: DESCRIPTIONS[mime] ?? `a .${ext} file` })
}

function sniffText(data: Buffer, input: SniffInput): SniffResult {
  const text = decodeText(data)
  if (text === undefined || text.includes('\u0000')) {
    return refuseType(input, { mime: 'application/octet-stream', what: 'unrecognised binary data' })
  }
  if (scanSvgPreamble(text)) {
    const { svg, removed } = sanitizeSvg(text)
    if (!svg) return refuseType(input, { mime: 'image/svg+xml', what: 'an SVG with nothing left after removing unsafe parts' })
    return { ...accept('image/svg+xml'), sanitized: { data: Buffer.from(svg, 'utf8'), removed } }
  }
  const head = text.slice(0, 4096).replace(/^\uFEFF/, '').trimStart()
  if (head.startsWith('#!')) {
    return refuseType(input, { mime: 'text/x-shellscript', what: `a script starting with "${head.split(/\r?\n/)[0]!.slice(0, 60)}"` })
  }
  if (/<(!doctype\s+html|html|head|body|script|iframe|meta)[\s>/]/i.test(head)) {
    return refuseType(input, { mime: 'text/html', what: 'HTML' })
  }
  if (head.startsWith('<')) return refuseType(input, { mime: 'application/xml', what: 'XML without an <svg> root' })
  return refuseType(input, { mime: 'text/plain', what: 'plain text' })
}

/** Honours a BOM or the prolog's encoding; undefined when the bytes are not text. */
function decodeText(data: Buffer): string | undefined {
  let label = 'utf-8'
  if (data[0] === 0xff && data[1] === 0xfe) label = 'utf-16le'
  else if (data[0] === 0xfe && data[1] === 0xff) label = 'utf-16be'
  else if (!(data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf)) {
    label = /^<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']/.exec(data.toString('latin1', 0, 200))?.[1] ?? label
  }
  try {
    return new TextDecoder(label, { fatal: true }).decode(data)
  } catch {
    return undefined
  }
}

type Preamble = { rootIndex: number; doctype?: 'DOCTYPE' | 'DOCTYPE with an internal subset (entity declarations)' }

/** BOM, `<?xml ...?>`, comments, processing instructions, one DOCTYPE, then `<svg`. */
function scanSvgPreamble(text: string): Preamble | undefined {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0
  let doctype: Preamble['doctype']
  for (;;) {
    while (i < text.length && /\s/.test(text[i]!)) i++
    if (text.startsWith('<!--', i) || text.startsWith('<?', i)) {
      const close = text.startsWith('<!--', i) ? '-->' : '?>'
      const end = text.indexOf(close, i + 2)
      if (end < 0) return undefined
      i = end + close.length
    } else if (!doctype && text.slice(i, i + 9).toUpperCase() === '<!DOCTYPE') {
      const end = doctypeEnd(text, i + 9)
      if (!end) return undefined
      doctype = end.subset ? 'DOCTYPE with an internal subset (entity declarations)' : 'DOCTYPE'
      i = end.index
    } else break
  }
  return /^<svg[\s/>]/.test(text.slice(i, i + 5)) ? { rootIndex: i, doctype } : undefined
}

// Finds the closing `>` without parsing declarations, so entities are never expanded.
function doctypeEnd(text: string, from: number): { index: number; subset: boolean } | undefined {
  let depth = 0
  let quote = ''
  let subset = false
  for (let i = from; i < text.length; i++) {
    const c = text[i]
    if (quote) {
      if (c === quote) quote = ''
    } else if (depth > 0 && text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4)
      if (end < 0) return undefined
      i = end + 2
    } else if (c === '"' || c === "'") quote = c
    else if (c === '[') (depth++, (subset = true))
    else if (c === ']') depth--
    else if (c === '>' && depth <= 0) return { index: i + 1, subset }
  }
  return undefined
}

/** Names from the ZIP central directory, which is authoritative even for streamed ZIPs. */
function zipEntryNames(data: Buffer): string[] | undefined {
  for (let eocd = data.length - 22; eocd >= Math.max(0, data.length - 22 - 0xffff); eocd--) {
    if (data.readUInt32LE(eocd) !== 0x06054b50) continue
    const names: string[] = []
    let p = data.readUInt32LE(eocd + 16)
    for (let n = data.readUInt16LE(eocd + 10); n > 0; n--) {
      if (p + 46 > data.length || data.readUInt32LE(p) !== 0x02014b50) return undefined
      const nameLength = data.readUInt16LE(p + 28)
      names.push(data.toString('utf8', p + 46, p + 46 + nameLength))
      p += 46 + nameLength + data.readUInt16LE(p + 30) + data.readUInt16LE(p + 32)
    }
    return names
  }
  return undefined
}

/**
 * Excel, PowerPoint and MSI installers share Word's CFB container; a Word file
 * has a "WordDocument" stream. Directory entries are 128-byte records in
 * sectors, so check every aligned record instead of following the FAT.
 */
function hasCfbStream(data: Buffer, name: string): boolean {
  const wanted = Buffer.from(`${name}\u0000`, 'utf16le')
  if (data.length < 1024) return false // header sector plus one directory sector
  const sectorSize = 1 << data.readUInt16LE(0x1e)
  if (sectorSize !== 512 && sectorSize !== 4096) return false
  for (let p = sectorSize; p + 128 <= data.length; p += 128) {
    if (data.readUInt16LE(p + 0x40) === wanted.length && data[p + 0x42] === 2 && data.subarray(p, p + wanted.length).equals(wanted)) {
      return true
    }
  }
  return false
}

const OGG_VIDEO_CODECS = ['\x80theora', '\x01video\x00', '\x80daala', 'BBCD\x00', 'OVP80'].map((s) => Buffer.from(s, 'latin1'))

/** All streams start with a beginning-of-stream page before any data page. */
function oggHasVideoTrack(data: Buffer): boolean {
  let p = 0
  while (p + 27 <= data.length && data.toString('latin1', p, p + 4) === 'OggS' && (data[p + 5]! & 0x02) !== 0) {
    const segments = data[p + 26]!
    const body = p + 27 + segments
    const packet = data.subarray(body, body + 8)
    if (OGG_VIDEO_CODECS.some((id) => packet.subarray(0, id.length).equals(id))) return true
    p = body + data.subarray(p + 27, body).reduce((sum, n) => sum + n, 0)
  }
  return false
}

export const extensionOf = (filename: string): string => /\.([^./\\]+)$/.exec(filename)?.[1]?.toLowerCase() ?? ''

/** Stored names must not let allowed content be served or opened as something else ("x.html"). */
export function withAllowedExtension(filename: string, mimeType: AllowedMimeType): string {
  const exts: readonly string[] = TYPES[mimeType].exts
  if (exts.includes(extensionOf(filename))) return filename
  const stem = filename.replace(/\.[^./\\]*$/, '') || 'file'
  return `${stem}.${exts[0]}`
}

// --- SVG sanitising -------------------------------------------------------

const SVG_NS = 'http://www.w3.org/2000/svg'
const URL_ATTRIBUTES = new Set(['href', 'xlink:href', 'src'])
// Animations that would write one of these attributes can smuggle a script URL in.
const RISKY_ANIMATION_TARGETS = /^(on.*|href|src|data|style|clip-path|cursor|fill|filter|marker(-start|-mid|-end)?|mask|stroke)$/i

/** Same test as Payload's SVG inspector, so what we keep passes its second check. */
const hasBlockedUrl = (value: string): boolean => {
  const v = decodeCss(value).replace(/[\u0000-\u0020\u007f]/g, '').toLowerCase()
  return v.includes('javascript:') || v.includes('data:text/html') || v.includes('data:image/svg+xml') || v.includes('@import')
}

const decodeCss = (value: string): string =>
  value
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\\([\da-f]{1,6})\s?|\\(.)/gi, (_m, hex: string | undefined, ch: string | undefined) =>
      hex ? String.fromCodePoint(Math.min(Number.parseInt(hex, 16), 0x10ffff)) : (ch ?? ''),
    )

let purifier: { purify: DOMPurify; serializer: XMLSerializer } | undefined
let styleRemovals: string[] = []

// Building a jsdom window costs ~100 ms, so only the first SVG upload pays it.
function getPurifier(): { purify: DOMPurify; serializer: XMLSerializer } {
  if (purifier) return purifier
  const { window } = new JSDOM('')
  const purify = createDOMPurify(window as unknown as WindowLike)
  purify.addHook('uponSanitizeAttribute', (node, data) => {
    const tag = (node as Element).localName
    const value = data.attrValue
    if (URL_ATTRIBUTES.has(data.attrName) && (hasBlockedUrl(value) || (tag === 'use' && !value.trim().startsWith('#')))) {
      data.keepAttr = false
    } else if (data.attrName === 'style' && hasBlockedUrl(value)) {
      data.keepAttr = false
    } else if (data.attrName === 'attributename' && RISKY_ANIMATION_TARGETS.test(value.replace(/^.*:/, '').trim())) {
      data.keepAttr = false
    } else if (/url\s*\(/i.test(value) && hasBlockedUrl(value)) {
      data.keepAttr = false
    }
  })
  // DOMPurify does not read CSS; an emptied <style> is reported through `styleRemovals`.
  purify.addHook('uponSanitizeElement', (node, data) => {
    if (data.tagName === 'style' && hasBlockedUrl(node.textContent ?? '')) {
      node.textContent = ''
      styleRemovals.push('<style> with @import or a script URL')
    }
  })
  purifier = { purify, serializer: new window.XMLSerializer() }
  return purifier
}

const describeRemoved = (entry: RemovedElement | RemovedAttribute): string | undefined => {
  if ('element' in entry) {
    const el = entry.element as Element
    // The parser merges any <body> tag into the document's one, so this is DOMPurify's wrapper.
    if (el.localName === 'body' && el.namespaceURI === 'http://www.w3.org/1999/xhtml') return undefined
    return el.nodeType === 1 ? `<${el.localName}>` : el.nodeType === 8 ? 'comment' : 'text'
  }
  const attr = entry.attribute
  const value = attr ? attr.value.slice(0, 60) : ''
  return `${attr?.name ?? 'attribute'}="${value}" on <${(entry.from as Element).localName}>`
}

/**
 * Returns the SVG re-serialised as XML, without prolog or DOCTYPE, and what was
 * removed. `svg` is '' when the text has no `<svg>` root to keep.
 *
 * The DOCTYPE is cut out before any parser sees it: its internal subset is where
 * entity bombs and external entities live. Parsing is in HTML mode because
 * DOMPurify's XHTML mode drops camelCase attributes such as viewBox; the DOM is
 * then serialised as XML, so the output is well-formed and is exactly the tree
 * DOMPurify checked.
 */
export function sanitizeSvg(svgText: string): { svg: string; removed: string[] } {
  const preamble = scanSvgPreamble(svgText)
  if (!preamble) return { svg: '', removed: ['everything: no <svg> root element'] }
  const { purify, serializer } = getPurifier()
  styleRemovals = []
  const fragment = purify.sanitize(svgText.slice(preamble.rootIndex), {
    USE_PROFILES: { svg: true, svgFilters: true },
    // `use` is how icons and Figma exports reuse shapes; the hook limits it to `#id` references.
    ADD_TAGS: ['use'],
    FORBID_TAGS: ['foreignObject', 'script', 'iframe', 'embed', 'object'],
    RETURN_DOM_FRAGMENT: true,
  })
  const removed = [...purify.removed.map(describeRemoved).filter((r): r is string => r !== undefined), ...styleRemovals]
  if (preamble.doctype) removed.unshift(preamble.doctype)
  const root = Array.from(fragment.childNodes).find(
    (n): n is Element => n.nodeType === 1 && (n as Element).localName === 'svg' && (n as Element).namespaceURI === SVG_NS,
  )
  if (Array.from(fragment.childNodes).some((n) => n !== root && (n.nodeType !== 3 || n.textContent?.trim()))) {
    removed.push('content after the <svg> root')
  }
  return { svg: root ? serializer.serializeToString(root) : '', removed }
}
