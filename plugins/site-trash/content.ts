import type { CollectionSlug, Payload } from 'payload'

import { siteScope } from '@/lib/siteScope/scope'

/**
 * The collections whose documents go to the trash with their site, come back
 * with it and are deleted with it for good: the site-scoped collections with
 * `trash: true` (pages, media, affiliate links, swiper presets), in config
 * order. Read from the sanitized config, so a collection added later is
 * covered without a list.
 */
export const siteContent = (payload: Payload): CollectionSlug[] => {
  const scope = siteScope(payload.config)
  return payload.config.collections.filter((c) => c.trash && scope.isSiteScoped(c.slug)).map((c) => c.slug as CollectionSlug)
}

