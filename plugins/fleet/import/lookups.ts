import type { Payload } from 'payload'

import { namedValues, isString } from '@/fields/keyValueRows'
import type { ExistingSite, Lookups } from './core/plan'

type ID = number | string
const common = { depth: 0, overrideAccess: true, pagination: false } as const

const idOf = (value: unknown): ID | null =>
  value && typeof value === 'object' ? ((value as { id?: ID }).id ?? null) : ((value as ID | null | undefined) ?? null)

const pairs = (value: unknown) => Object.entries(namedValues(value, isString)).map(([name, v]) => ({ name, value: v }))

const SITE_SELECT = { domain: true, brandName: true, language: true, template: true, footprint: true, customColors: true, templateVariables: true, keywords: true, analyticsEnabled: true, deletedAt: true } as never

const existingOf = (doc: Record<string, unknown>): ExistingSite => ({
  id: doc.id as ID,
  domain: doc.domain as string,
  brandName: doc.brandName as string,
  language: idOf(doc.language),
  template: idOf(doc.template),
  footprint: idOf(doc.footprint),
  customColors: pairs(doc.customColors),
  templateVariables: pairs(doc.templateVariables),
  keywords: (doc.keywords as string | null | undefined) ?? null,
  analyticsEnabled: doc.analyticsEnabled !== false,
  isTrashed: Boolean(doc.deletedAt),
})

/** The site with this domain (in the trash too), as a plan compares it, or null. */
export const existingSite = async (payload: Payload, domain: string): Promise<ExistingSite | null> => {
  const { docs } = await payload.find({ collection: 'sites', where: { domain: { equals: domain } }, limit: 1, trash: true, select: SITE_SELECT, depth: 0, overrideAccess: true })
  return docs[0] ? existingOf(docs[0] as unknown as Record<string, unknown>) : null
}

/** What a plan checks rows against, read in four queries (sites with only the fields the importer compares). */
export const loadLookups = async (payload: Payload): Promise<Lookups> => {
  const [languages, templates, footprints, sites] = await Promise.all([
    payload.find({ collection: 'languages', select: { code: true, name: true, active: true }, ...common }),
    payload.find({ collection: 'templates', select: { name: true }, ...common }),
    payload.find({ collection: 'template-footprints', select: { name: true }, ...common }),
    payload.find({
      collection: 'sites',
      trash: true,
      select: SITE_SELECT,
      ...common,
    }),
  ])
  const byDomain = new Map<string, ExistingSite>()
  for (const doc of sites.docs as unknown as Record<string, unknown>[]) byDomain.set(doc.domain as string, existingOf(doc))
  return {
    languages: languages.docs.map((l) => ({ id: l.id, code: l.code, name: l.name, active: l.active })),
    templates: templates.docs.map((t) => ({ id: t.id, name: t.name })),
    footprints: footprints.docs.map((f) => ({ id: f.id, name: f.name })),
    sites: byDomain,
  }
}
