import type { GenerateDescription, GenerateTitle } from '@payloadcms/plugin-seo/types'

import type { Page } from '@/payload-types'
import { isAdminUser } from '@/access/roles'
import { userSiteIds } from '@/access/siteAccess'
import { prepareGeneration, runGeneration } from './generate'

type Doc = Omit<Partial<Page>, 'site'> & { site?: unknown }

const siteOf = (doc: Doc): number | string | null => {
  const site = doc?.site
  if (site === null || site === undefined || site === '') return null
  return typeof site === 'object' ? ((site as { id?: number | string }).id ?? null) : (site as number | string)
}

/**
 * plugin-seo's "Auto-generate" buttons call these with the form's data.
 * Its button writes whatever comes back into the field, errors included as
 * an empty string, so a failure keeps the current value (and is recorded
 * in ai-generations); the AI buttons beside the fields show the reason.
 */
const generateMeta =
  (target: 'metaTitle' | 'metaDescription') =>
  async ({ doc, req }: { doc: Doc; req: Parameters<GenerateTitle>[0]['req'] }): Promise<string> => {
    // without AI (no key, over budget) the title button still does what it did before: the page title
    const current = (target === 'metaTitle' ? doc?.meta?.title || doc?.title : doc?.meta?.description) ?? ''
    const siteId = siteOf(doc)
    const user = req.user as never
    if (!req.user || siteId === null) return current
    if (!isAdminUser(user) && !userSiteIds(user).map(String).includes(String(siteId))) return current
    try {
      const plan = await prepareGeneration({
        payload: req.payload,
        req,
        target,
        site: Number(siteId),
        page: { ...doc, title: doc?.title ?? '' } as Page,
        userId: req.user.collection === 'users' ? req.user.id : null,
        source: 'seo',
      })
      const result = await runGeneration(plan)
      return String(result.fields[target === 'metaTitle' ? 'title' : 'description'] ?? current)
    } catch (err) {
      req.payload.logger.warn({ msg: `ai: ${target} generation failed`, err: (err as Error).message })
      return current
    }
  }

export const aiGenerateTitle: GenerateTitle<Doc> = (args) => generateMeta('metaTitle')(args)
export const aiGenerateDescription: GenerateDescription<Doc> = (args) => generateMeta('metaDescription')(args)
