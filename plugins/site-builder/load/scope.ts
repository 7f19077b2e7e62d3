import type { Payload, PayloadRequest } from 'payload'

import type { Reference } from '@/lib/siteScope/references'
import { findForeignReferences, singularLabel, siteReferencesOf, siteOfDocument } from '@/lib/siteScope/scope'
import { BuildError, type ID } from '../core/types'

type Doc = { id: ID }
const field = (doc: Doc, name: string): string => String((doc as Record<string, unknown>)[name] ?? doc.id)

/** What holds references in a build: the site itself, its pages, and the swiper presets the pages use. */
export type Holders = { site?: Doc; pages?: Doc[]; presets?: Doc[] }

type Found = { collection: 'sites' | 'pages' | 'swiper-presets'; doc: Doc; ref: Reference }

/** `blocks.2.button.page` of a page: the block (1-based, with its type) and the field inside it. */
const blockAndField = (doc: Doc, path: string): { block: string | null; field: string } => {
  const parts = path.split('.')
  let value: unknown = doc
  for (let i = 0; i < parts.length; i++) {
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[parts[i]] : undefined
    const row = value as { blockType?: unknown; blockName?: unknown } | undefined
    if (row && typeof row === 'object' && typeof row.blockType === 'string' && /^\d+$/.test(parts[i])) {
      const name = typeof row.blockName === 'string' && row.blockName !== '' ? ` "${row.blockName}"` : ''
      return { block: `block ${Number(parts[i]) + 1} (${row.blockType}${name})`, field: parts.slice(i + 1).join('.') }
    }
  }
  return { block: null, field: path }
}

const pageName = (doc: Doc) => `page "${field(doc, 'title')}" (${field(doc, 'slug')})`

const describe = (payload: Payload, { collection, doc, ref }: Found, pages: Doc[]): string => {
  const what = `${singularLabel(payload, ref.relationTo)} ${ref.id}`
  const inText = ref.isInRichText ? ' (in its text)' : ''
  if (collection === 'sites') return `Site "${field(doc, 'domain')}", field ${ref.path}: ${what} belongs to another site. Choose one of this site's in the site settings.`
  if (collection === 'pages') {
    const { block, field: at } = blockAndField(doc, ref.path)
    return `${pageName(doc)}${block ? `, ${block}` : ''}, field ${at}${inText}: ${what} belongs to another site. Replace it with one of this site's.`
  }
  // a preset: name the page and block that use it, where the editor will look
  const users = pages.flatMap((page) =>
    siteReferencesOf({ payload, collection: 'pages', doc: page })
      .filter((r) => r.relationTo === 'swiper-presets' && String(r.id) === String(doc.id))
      .map((r) => {
        const { block } = blockAndField(page, r.path)
        return `${pageName(page)}${block ? `, ${block}` : ''}`
      }),
  )
  const usedBy = users.length ? ` used by ${users[0]}` : ''
  return `Swiper preset "${field(doc, 'name')}"${usedBy}, field ${ref.path}${inText}: ${what} belongs to another site. Replace it with one of this site's.`
}

/**
 * Stops the build when the site, a page or a preset points at another site's document: written before writes
 * were checked, or by server code. Documents already loaded are not read again (their `site` is known); the
 * rest takes one query per collection, none when everything is the site's own.
 */
export const refuseForeignReferences = async ({
  payload,
  req,
  siteId,
  holders,
  loaded,
}: {
  payload: Payload
  req?: Partial<PayloadRequest>
  siteId: ID
  holders: Holders
  /** Documents the loader has read, by collection (their `site` says whose they are). */
  loaded: Partial<Record<string, Iterable<Doc>>>
}): Promise<void> => {
  const found: Found[] = []
  const collect = (collection: Found['collection'], docs: Doc[]) => {
    for (const doc of docs) for (const ref of siteReferencesOf({ payload, collection, doc })) found.push({ collection, doc, ref })
  }
  if (holders.site) collect('sites', [holders.site])
  collect('pages', holders.pages ?? [])
  collect('swiper-presets', holders.presets ?? [])
  if (found.length === 0) return

  const known = new Map<string, ID | null>()
  for (const [collection, docs] of Object.entries(loaded)) {
    for (const doc of docs ?? []) known.set(`${collection}:${String(doc.id)}`, siteOfDocument(collection, doc as Record<string, unknown>))
  }
  const foreign = new Set(
    await findForeignReferences({
      payload,
      req,
      site: siteId,
      references: found.map((f) => f.ref),
      knownSite: (collection, id) => known.get(`${collection}:${String(id)}`),
    }),
  )
  const problems = found.filter((f) => foreign.has(f.ref))
  if (problems.length === 0) return
  const first = describe(payload, problems[0], holders.pages ?? [])
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more reference${problems.length > 2 ? 's' : ''} to other sites)` : ''
  throw new BuildError(`${first}${more}`)
}
