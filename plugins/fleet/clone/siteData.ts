import type { Payload } from 'payload'

import type { Site } from '@/payload-types'
import type { CloneRequest } from './core/request'
import { renewRowIds } from './rows'

/** Never copied: the new site's own identity, what points at the source's documents (set by the job), and state. */
const OWN = ['id', 'createdAt', 'updatedAt', 'deletedAt', 'domain', 'brandName', 'uniqueClassPrefix', 'homePage', 'logo', 'favicon']

/**
 * The new site's fields: the source's settings (language, template, footprint, variables, colours, URL style,
 * publishing target and token, analytics, AI budget, and any field added later) with its own domain and brand,
 * no class prefix (the sites collection makes a new one, so the clone gets its own fingerprint), and none of
 * what the source has recorded (deployment state, read-only and hidden fields). Its Cloudflare project name is
 * left to be made from the new domain: the source's would publish over the source. autoDeploy is off while
 * the job copies (each page would queue a deployment); the job sets the source's value at the end.
 */
export const cloneSiteData = (payload: Payload, source: Site, request: CloneRequest): Record<string, unknown> => {
  const skip = new Set(OWN)
  for (const field of payload.collections.sites.config.flattenedFields) {
    const admin = (field as { admin?: { readOnly?: boolean; hidden?: boolean } }).admin
    if (field.type === 'join' || admin?.readOnly || admin?.hidden) skip.add(field.name)
  }
  const data: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(structuredClone(source) as unknown as Record<string, unknown>)) if (!skip.has(key)) data[key] = value
  // array rows (colours, variables) get new ids from Payload: theirs are primary keys
  renewRowIds({ fields: payload.collections.sites.config.fields, data, blocks: payload.config.blocks ?? [] })
  return {
    ...data,
    domain: request.domain,
    brandName: request.brandName,
    ...(request.template !== undefined ? { template: request.template } : {}),
    ...(request.footprint !== undefined ? { footprint: request.footprint } : {}),
    publishing: { ...(source.publishing ?? {}), cloudflareProject: null },
    autoDeploy: false,
  }
}
