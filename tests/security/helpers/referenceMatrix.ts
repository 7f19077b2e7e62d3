/**
 * The cross-site reference matrix, generated from the sanitized Payload config (never listed by hand): every
 * relationship and upload field of every collection whose documents belong to a site, at any depth (groups,
 * tabs, rows, collapsibles, arrays, blocks), and every kind of reference Lexical rich text holds (upload,
 * relationship and internal link nodes), each paired with every target collection that belongs to a site (a rich
 * text row holds one node per target).
 *
 * Written independently of lib/siteScope so that a blind spot there is not repeated here.
 */
import type { Block, CollectionSlug, Field, Payload, SanitizedConfig } from 'payload'

import { login } from '../../helpers/rest'
import { PASSWORD, unique, type World } from '../../helpers/world'

type Id = number | string
type AnyField = Field & { name?: string; required?: boolean; hasMany?: boolean; relationTo?: string | string[] }

export type Step =
  | { kind: 'group'; name: string; fields: Field[] }
  | { kind: 'array'; name: string; fields: Field[] }
  | { kind: 'block'; name: string; slug: string; fields: Field[] }

export type Leaf =
  | { kind: 'field'; name: string; hasMany: boolean; isPolymorphic: boolean }
  | { kind: 'richText'; name: string; node: 'upload' | 'relationship' | 'link' }

/** `targets`: one collection for a field; for rich text, every collection its node kind can point at. */
export type Row = { collection: string; steps: Step[]; leaf: Leaf; targets: string[]; fields: Field[] }

const SITES = 'sites'
const SITE = 'site'

const fieldsOf = (config: SanitizedConfig, slug: string): Field[] => config.collections.find((c) => c.slug === slug)!.fields

/** Collections whose documents belong to one site: a top-level `site` relationship to the sites. */
export const siteScopedCollections = (config: SanitizedConfig): string[] =>
  config.collections
    .filter((c) => c.flattenedFields.some((f) => f.name === SITE && f.type === 'relationship' && f.relationTo === SITES && !f.hasMany))
    .map((c) => c.slug)

/** What a reference may not cross sites to: the site-scoped collections and the sites themselves. */
export const crossSiteTargets = (config: SanitizedConfig): string[] => [SITES, ...siteScopedCollections(config)]

/** Rows of the matrix, described as `pages blocks.hero.button.page -> pages` for names and lists. */
export const describeRow = (row: Row): string => {
  const path = row.steps.map((s) => (s.kind === 'block' ? `${s.name}.${s.slug}` : s.name))
  const leaf = row.leaf.kind === 'richText' ? `${row.leaf.name}[${row.leaf.node} node]` : row.leaf.name
  return `${row.collection} ${[...path, leaf].join('.')} -> ${row.targets.join(', ')}`
}

/** The path Payload names in a validation error: arrays and blocks at row 0, rich text by its field. */
export const errorPath = (row: Row): string =>
  [...row.steps.map((s) => (s.kind === 'group' ? s.name : `${s.name}.0`)), row.leaf.name].join('.')

type RichTextEditor = {
  editorConfig?: {
    features?: { enabledFeatures?: string[]; getSubFields?: Map<string, (a: { node: unknown; req: unknown }) => Field[] | null> }
    resolvedFeatureMap?: Map<string, { sanitizedServerFeatureProps?: { enabledCollectionSlugs?: string[] } }>
  }
}

const relationshipTargets = (fields: Field[]): string[] => {
  const out: string[] = []
  for (const field of fields as AnyField[]) {
    if ((field.type === 'relationship' || field.type === 'upload') && field.relationTo) out.push(...[field.relationTo].flat())
    if ('fields' in field && Array.isArray(field.fields)) out.push(...relationshipTargets(field.fields))
  }
  return out
}

const richTextRows = (field: AnyField & { editor?: unknown }, base: Omit<Row, 'leaf' | 'targets'>, targets: Set<string>): Row[] => {
  const config = (field.editor as RichTextEditor | undefined)?.editorConfig
  const enabled = new Set(config?.features?.enabledFeatures ?? [])
  const slugsOf = (feature: string) => config?.resolvedFeatureMap?.get(feature)?.sanitizedServerFeatureProps?.enabledCollectionSlugs ?? []
  const nodes: { node: 'upload' | 'relationship' | 'link'; targets: string[] }[] = []
  if (enabled.has('upload')) nodes.push({ node: 'upload', targets: slugsOf('upload') })
  if (enabled.has('relationship')) nodes.push({ node: 'relationship', targets: slugsOf('relationship') })
  const linkFields = config?.features?.getSubFields?.get('link')?.({ node: {}, req: {} })
  if (enabled.has('link') && linkFields) nodes.push({ node: 'link', targets: relationshipTargets(linkFields) })
  return nodes.flatMap(({ node, targets: to }) => {
    const crossing = [...new Set(to)].filter((t) => targets.has(t))
    return crossing.length ? [{ ...base, leaf: { kind: 'richText' as const, name: field.name!, node }, targets: crossing }] : []
  })
}

/** Every row of the matrix for one collection. */
const rowsOf = (config: SanitizedConfig, collection: string, fields: Field[], steps: Step[], targets: Set<string>, isScoped: boolean): Row[] => {
  const rows: Row[] = []
  const topFields = fieldsOf(config, collection)
  for (const field of fields as AnyField[]) {
    const name = field.name
    switch (field.type) {
      case 'tabs':
        for (const tab of field.tabs) {
          rows.push(...rowsOf(config, collection, tab.fields, 'name' in tab && tab.name ? [...steps, { kind: 'group', name: tab.name, fields: tab.fields }] : steps, targets, isScoped))
        }
        break
      case 'row':
      case 'collapsible':
        rows.push(...rowsOf(config, collection, field.fields, steps, targets, isScoped))
        break
      case 'group':
        rows.push(...rowsOf(config, collection, field.fields, name ? [...steps, { kind: 'group', name, fields: field.fields }] : steps, targets, isScoped))
        break
      case 'array':
        rows.push(...rowsOf(config, collection, field.fields, [...steps, { kind: 'array', name: name!, fields: field.fields }], targets, isScoped))
        break
      case 'blocks': {
        const referenced = (field.blockReferences ?? []).map((b) => (typeof b === 'string' ? config.blocks?.find((x) => x.slug === b) : b))
        const blocks = [...(field.blocks ?? []), ...referenced].filter((b): b is Block => Boolean(b))
        for (const block of blocks) {
          rows.push(...rowsOf(config, collection, block.fields, [...steps, { kind: 'block', name: name!, slug: block.slug, fields: block.fields }], targets, isScoped))
        }
        break
      }
      case 'relationship':
      case 'upload': {
        // the document's own `site` says whose it is: that is the tenant, not a reference
        if (isScoped && steps.length === 0 && name === SITE) break
        const to = [field.relationTo].flat() as string[]
        for (const target of to.filter((t) => targets.has(t))) {
          rows.push({
            collection,
            steps,
            leaf: { kind: 'field', name: name!, hasMany: Boolean(field.hasMany), isPolymorphic: Array.isArray(field.relationTo) },
            targets: [target],
            fields: topFields,
          })
        }
        break
      }
      case 'richText':
        rows.push(...richTextRows(field, { collection, steps, fields: topFields }, targets))
        break
      default:
        break
    }
  }
  return rows
}

export const referenceRows = (config: SanitizedConfig): Row[] => {
  const targets = new Set(crossSiteTargets(config))
  const scoped = new Set(siteScopedCollections(config))
  return [SITES, ...scoped].flatMap((slug) => rowsOf(config, slug, fieldsOf(config, slug), [], targets, scoped.has(slug)))
}

// ---------------------------------------------------------------------------------------------------------
// documents for the matrix: required fields filled from the config, so a new collection needs no edit here
// ---------------------------------------------------------------------------------------------------------

export type Fixtures = {
  payload: Payload
  siteA: Id
  siteB: Id
  /** A document of `collection` belonging to the site (the site itself for `sites`), made once. */
  docOf: (collection: string, site: Id) => Promise<Id | null>
  /** Documents made for the matrix, to delete afterwards. */
  made: { collection: string; id: Id }[]
}

const text = () => unique('x')

/** Rows carry their id as Payload gives them one (the database layer, used for fixtures, does not). */
const rowId = () => Array.from({ length: 24 }, () => Math.floor(Math.random() * 16).toString(16)).join('')

const sampleValue = async (fx: Fixtures, field: AnyField, site: Id): Promise<unknown> => {
  switch (field.type) {
    case 'text':
    case 'textarea':
    case 'code':
      return field.hasMany ? [text()] : text()
    case 'email':
      return `${unique('e')}@panel.test`
    case 'number':
      return typeof (field as { min?: number }).min === 'number' ? (field as { min: number }).min : 1
    case 'checkbox':
      return false
    case 'date':
      return new Date().toISOString()
    case 'json':
      return {}
    case 'point':
      return [0, 0]
    case 'select':
    case 'radio': {
      const first = (field as { options: (string | { value: string })[] }).options[0]
      const value = typeof first === 'string' ? first : first.value
      return field.hasMany ? [value] : value
    }
    case 'relationship':
    case 'upload': {
      const to = [field.relationTo].flat()[0] as string
      const id = await fx.docOf(to, site)
      if (id === null) return null
      const one = Array.isArray(field.relationTo) ? { relationTo: to, value: id } : id
      return field.hasMany ? [one] : one
    }
    case 'richText':
      return richText([paragraph()])
    case 'group':
      return sample(fx, (field as { fields: Field[] }).fields, site)
    case 'array':
      return [{ id: rowId(), ...(await sample(fx, (field as { fields: Field[] }).fields, site)) }]
    case 'blocks':
      return []
    default:
      return undefined
  }
}

/** The required fields of one level (through rows, collapsibles, unnamed tabs and groups), with plausible values. */
export const sample = async (fx: Fixtures, fields: Field[], site: Id): Promise<Record<string, unknown>> => {
  const out: Record<string, unknown> = {}
  for (const field of fields as AnyField[]) {
    if (field.type === 'tabs') {
      for (const tab of field.tabs) Object.assign(out, 'name' in tab && tab.name ? { [tab.name]: await sample(fx, tab.fields, site) } : await sample(fx, tab.fields, site))
    } else if ((field.type === 'row' || field.type === 'collapsible' || field.type === 'group') && !field.name) {
      Object.assign(out, await sample(fx, (field as { fields: Field[] }).fields, site))
    } else if (field.type === 'group' && field.name) {
      // a group holding required fields is itself required (GraphQL says so)
      out[field.name] = await sample(fx, field.fields, site)
    } else if (field.name && (field.required || (field.type === 'array' && ((field as { minRows?: number }).minRows ?? 0) > 0))) {
      const value = await sampleValue(fx, field, site)
      if (value !== undefined && value !== null) out[field.name] = value
    }
  }
  return out
}

const paragraph = (children: unknown[] = [{ type: 'text', text: 'Text', format: 0, detail: 0, mode: 'normal', style: '', version: 1 }]) => ({
  type: 'paragraph',
  format: '',
  indent: 0,
  version: 1,
  direction: 'ltr',
  textFormat: 0,
  textStyle: '',
  children,
})

const richText = (children: unknown[]) => ({ root: { type: 'root', format: '', indent: 0, version: 1, direction: 'ltr', children } })

const richTextNode = (node: 'upload' | 'relationship' | 'link', relationTo: string, value: Id) => {
  if (node === 'upload') return { type: 'upload', relationTo, value, fields: null, format: '', version: 3 }
  if (node === 'relationship') return { type: 'relationship', relationTo, value, format: '', version: 2 }
  const link = {
    type: 'link',
    fields: { linkType: 'internal', doc: { relationTo, value }, newTab: false },
    children: [{ type: 'text', text: 'Read more', format: 0, detail: 0, mode: 'normal', style: '', version: 1 }],
    direction: 'ltr',
    format: '',
    indent: 0,
    version: 3,
  }
  return paragraph([link])
}

/**
 * A document of the row's collection in `site` (required fields filled at every level, nothing else: GraphQL
 * wants them even in updates) holding `values` (one per target) at the row's field.
 */
export const dataFor = async (fx: Fixtures, row: Row, values: Id[], site: Id): Promise<Record<string, unknown>> => {
  const level = async (fields: Field[], steps: Step[]): Promise<Record<string, unknown>> => {
    const out = await sample(fx, fields, site)
    const [step, ...rest] = steps
    if (!step) {
      const leaf = row.leaf
      if (leaf.kind === 'richText') out[leaf.name] = richText(row.targets.map((target, i) => richTextNode(leaf.node, target, values[i])))
      else {
        const one = leaf.isPolymorphic ? { relationTo: row.targets[0], value: values[0] } : values[0]
        out[leaf.name] = leaf.hasMany ? [one] : one
      }
      return out
    }
    const inner = await level(step.fields, rest)
    if (step.kind === 'group') out[step.name] = inner
    else if (step.kind === 'array') out[step.name] = [{ id: rowId(), ...inner }]
    else out[step.name] = [{ id: rowId(), blockType: step.slug, ...inner }]
    return out
  }
  const data = await level(row.fields, row.steps)
  if (row.collection !== SITES) data[SITE] = site
  return data
}

/** Reads the row's field back from a stored document (depth 0): the ids it holds. */
export const storedIds = (row: Row, doc: Record<string, unknown> | null | undefined): string[] => {
  let value: unknown = doc
  for (const step of row.steps) {
    value = (value as Record<string, unknown> | undefined)?.[step.name]
    if (step.kind !== 'group') value = Array.isArray(value) ? value[0] : undefined
  }
  const leaf = (value as Record<string, unknown> | undefined)?.[row.leaf.name]
  if (row.leaf.kind === 'richText') {
    const ids: string[] = []
    const visit = (node: unknown) => {
      if (!node || typeof node !== 'object') return
      const n = node as Record<string, unknown>
      if (typeof n.relationTo === 'string' && 'value' in n) ids.push(String(typeof n.value === 'object' && n.value ? (n.value as { id: Id }).id : n.value))
      for (const child of Object.values(n)) visit(child)
    }
    visit(leaf)
    return ids
  }
  return [leaf]
    .flat()
    .filter((v) => v !== null && v !== undefined)
    .map((v) => {
      const item = typeof v === 'object' && v && 'value' in v ? (v as { value: unknown }).value : v
      return String(typeof item === 'object' && item ? (item as { id: Id }).id : item)
    })
}

/**
 * Fixtures on two sites: one document per site-scoped collection and site, written straight to the database
 * (no hooks: deployments queue nothing, nothing is validated), with only the required fields.
 */
export const createFixtures = (payload: Payload, siteA: Id, siteB: Id): Fixtures => {
  const cache = new Map<string, Promise<Id | null>>()
  const making = new Set<string>()
  const fx: Fixtures = {
    payload,
    siteA,
    siteB,
    made: [],
    docOf: (collection, site) => {
      if (collection === SITES) return Promise.resolve(site)
      const key = `${collection}:${site}`
      // a required reference back to a collection being made gets nothing
      if (making.has(key)) return Promise.resolve(null)
      let found = cache.get(key)
      if (!found) {
        found = (async () => {
          const scoped = siteScopedCollections(payload.config).includes(collection)
          if (!scoped) {
            // shared (templates, languages, ...): any will do
            const { docs } = await payload.find({ collection: collection as CollectionSlug, limit: 1, depth: 0 })
            return (docs[0]?.id as Id | undefined) ?? null
          }
          making.add(key)
          const fields = payload.collections[collection as CollectionSlug].config.fields
          const data = { ...(await sample(fx, fields, site)), [SITE]: site }
          making.delete(key)
          const doc = await payload.db.create({ collection: collection as CollectionSlug, data })
          fx.made.push({ collection, id: doc.id as Id })
          return doc.id as Id
        })()
        cache.set(key, found)
      }
      return found
    },
  }
  return fx
}

export const cleanUp = async (fx: Fixtures) => {
  for (const { collection, id } of fx.made.reverse()) {
    await fx.payload.db.deleteOne({ collection: collection as CollectionSlug, where: { id: { equals: id } } }).catch(() => undefined)
  }
  fx.made.length = 0
}

/** Two sites of the test's own (other files share the database) and an editor of the first, logged in. */
export const twoSites = async (w: World) => {
  const site = (prefix: string) =>
    w.payload.create({
      collection: 'sites',
      data: { domain: `${unique(prefix)}.test`, brandName: prefix, language: w.languageId, template: w.templateId } as never,
    })
  const siteA = await site('scope-a-')
  const siteB = await site('scope-b-')
  const email = `${unique('scope-editor-')}@panel.test`
  const editor = await w.payload.create({ collection: 'users', data: { email, password: PASSWORD, role: 'editor', sites: [{ site: siteA.id }] } as never })
  return { siteA, siteB, editor, editorToken: await login(email, PASSWORD) }
}
