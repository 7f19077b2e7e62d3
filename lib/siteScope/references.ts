import type { Block, Field, PayloadRequest } from 'payload'

export type ID = number | string

/** One relationship or upload value found in a document, wherever it sits. */
export type Reference = {
  /**
   * Where it is, as Payload names fields in validation errors (`blocks.2.button.page`, `items.0.image`).
   * A reference inside rich text (upload, relationship or link node) is named by the rich text field.
   */
  path: string
  relationTo: string
  id: ID
  isInRichText: boolean
}

export type CollectReferencesArgs = {
  /** The collection's fields as Payload sanitized them (`payload.collections[slug].config.fields`). */
  fields: Field[]
  data: unknown
  /** Only references to these collections are collected. */
  isWanted: (collection: string) => boolean
  /** Blocks a blocks field names by slug (`blockReferences`), from the config's `blocks`. */
  blockBySlug?: (slug: string) => Block | undefined
  /** Top-level fields not collected (the document's own `site`, which says whose it is). */
  skipTopLevel?: string[]
  /** Lexical asks for it to find the fields of upload nodes; `{ payload }` is enough. */
  req?: Partial<PayloadRequest>
  /**
   * Rewrites each reference where it is stored, in place (a site's clone points its copies at its own
   * documents): the id to store instead, `null` to drop it, `undefined` to keep it.
   */
  rewrite?: (ref: Reference) => ID | null | undefined
}

type Walk = Required<Pick<CollectReferencesArgs, 'isWanted' | 'req'>> &
  Pick<CollectReferencesArgs, 'blockBySlug' | 'skipTopLevel' | 'rewrite'> & { out: Reference[] }

/** Stores a rewritten reference back where it was found. */
type Put = (id: ID | null) => void

/** An id, from a bare id or a populated / posted `{ id }` object. */
export const idOf = (value: unknown): ID | null => {
  if (typeof value === 'number' || (typeof value === 'string' && value !== '')) return value
  if (value && typeof value === 'object' && 'id' in value) return idOf((value as { id: unknown }).id)
  return null
}

const isRecord = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value)

const join = (prefix: string, key: string | number): string => (prefix === '' ? String(key) : `${prefix}.${key}`)

const add = (walk: Walk, path: string, relationTo: unknown, value: unknown, isInRichText: boolean, put?: Put) => {
  if (typeof relationTo !== 'string' || !walk.isWanted(relationTo)) return
  const id = idOf(value)
  if (id === null) return
  const ref = { path, relationTo, id, isInRichText }
  walk.out.push(ref)
  if (walk.rewrite && put) {
    const next = walk.rewrite(ref)
    if (next !== undefined) put(next)
  }
}

const addRelationship = (
  walk: Walk,
  field: { relationTo: string | string[]; hasMany?: boolean },
  value: unknown,
  path: string,
  isInRichText: boolean,
  put?: (value: unknown) => void,
) => {
  // hasMany or not, a single value and a list are read alike: what is stored is what counts
  const items = Array.isArray(value) ? value : [value]
  const dropped = new Set<number>()
  items.forEach((item, i) => {
    const store = (next: unknown) => {
      if (next === null && Array.isArray(value)) dropped.add(i)
      else if (Array.isArray(value)) value[i] = next
      else put?.(next)
    }
    if (Array.isArray(field.relationTo)) {
      // polymorphic: { relationTo, value }
      if (isRecord(item)) add(walk, path, item.relationTo, item.value, isInRichText, (id) => store(id === null ? null : { relationTo: item.relationTo, value: id }))
    } else {
      add(walk, path, field.relationTo, item, isInRichText, store)
    }
  })
  if (dropped.size > 0 && Array.isArray(value)) put?.(value.filter((_, i) => !dropped.has(i)))
}

type LexicalFeatures = {
  getSubFields?: Map<string, (args: { node: unknown; req: Partial<PayloadRequest> }) => Field[] | null>
  getSubFieldsData?: Map<string, (args: { node: unknown; req: Partial<PayloadRequest> }) => unknown>
}

/**
 * Upload and relationship nodes carry `{ relationTo, value }`; links, blocks and upload captions keep theirs in
 * fields that Lexical describes per node type (`getSubFields`), walked like any other fields. Without a Lexical
 * editor every `{ relationTo, value }` object in the value is taken.
 */
const addRichText = (walk: Walk, field: { editor?: unknown }, value: unknown, path: string) => {
  const features = (field.editor as { editorConfig?: { features?: LexicalFeatures } } | undefined)?.editorConfig?.features
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const child of node) visit(child)
      return
    }
    if (!isRecord(node)) return
    if (typeof node.relationTo === 'string' && 'value' in node) add(walk, path, node.relationTo, node.value, true, (id) => (node.value = id))
    if (!features) {
      for (const child of Object.values(node)) if (child && typeof child === 'object') visit(child)
      return
    }
    const type = typeof node.type === 'string' ? node.type : ''
    const subFields = features.getSubFields?.get(type)?.({ node, req: walk.req })
    if (subFields?.length) walkFields(walk, subFields, features.getSubFieldsData?.get(type)?.({ node, req: walk.req }), path, true)
    if (Array.isArray(node.children)) visit(node.children)
  }
  visit(isRecord(value) ? value.root : undefined)
}

const walkFields = (walk: Walk, fields: Field[], data: unknown, prefix: string, isInRichText: boolean): void => {
  if (!isRecord(data)) return
  // inside rich text every reference is named by the rich text field
  const at = (key: string | number) => (isInRichText ? prefix : join(prefix, key))
  for (const field of fields) {
    const name = 'name' in field && typeof field.name === 'string' && field.name !== '' ? field.name : null
    if (name && prefix === '' && !isInRichText && walk.skipTopLevel?.includes(name)) continue
    switch (field.type) {
      case 'tabs':
        for (const tab of field.tabs) {
          if ('name' in tab && tab.name) walkFields(walk, tab.fields, data[tab.name], at(tab.name), isInRichText)
          else walkFields(walk, tab.fields, data, prefix, isInRichText)
        }
        break
      case 'row':
      case 'collapsible':
        walkFields(walk, field.fields, data, prefix, isInRichText)
        break
      case 'group':
        if (name) walkFields(walk, field.fields, data[name], at(name), isInRichText)
        else walkFields(walk, field.fields, data, prefix, isInRichText)
        break
      case 'array': {
        const rows = name ? data[name] : undefined
        if (Array.isArray(rows)) rows.forEach((row, i) => walkFields(walk, field.fields, row, at(`${name}.${i}`), isInRichText))
        break
      }
      case 'blocks': {
        const rows = name ? data[name] : undefined
        if (!Array.isArray(rows)) break
        rows.forEach((row, i) => {
          if (!isRecord(row) || typeof row.blockType !== 'string') return
          const slug = row.blockType
          const block = field.blocks?.find((b) => b.slug === slug) ?? walk.blockBySlug?.(slug)
          if (block) walkFields(walk, block.fields, row, at(`${name}.${i}`), isInRichText)
        })
        break
      }
      case 'relationship':
      case 'upload':
        if (name && data[name] !== undefined && data[name] !== null) addRelationship(walk, field, data[name], at(name), isInRichText, (next) => (data[name] = next))
        break
      case 'richText':
        if (name && data[name]) addRichText(walk, field, data[name], at(name))
        break
      default:
        break
    }
  }
}

/**
 * Every relationship and upload value of a document, found from its collection's fields: in groups, tabs, rows,
 * collapsibles, arrays and blocks at any depth, and in Lexical rich text. Nothing is listed by hand, so a field
 * added later is found the same way.
 */
export const collectReferences = ({ fields, data, isWanted, blockBySlug, skipTopLevel, req = {}, rewrite }: CollectReferencesArgs): Reference[] => {
  const walk: Walk = { isWanted, blockBySlug, skipTopLevel, req, rewrite, out: [] }
  walkFields(walk, fields, data, '', false)
  return walk.out
}
