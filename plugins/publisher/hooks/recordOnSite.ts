import type { CollectionAfterChangeHook } from 'payload'

/**
 * Copies a deployment's status (and, on success, its URL) onto its site, so
 * the sites list shows the last deployment without a query per row. Written
 * straight through the adapter: a site save would run the site's own hooks
 * (autoDeploy among them) and bump its updatedAt. Only the site's newest
 * deployment speaks: an older one being superseded does not overwrite it.
 */
export const recordOnSite: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation === 'update' && previousDoc?.status === doc.status) return doc
  const siteId = typeof doc.site === 'object' && doc.site !== null ? doc.site.id : doc.site
  const site = await req.payload.db.findOne<{ id: number; lastDeploymentId?: number | null; updatedAt?: string }>({
    collection: 'sites',
    where: { id: { equals: siteId } },
    select: { lastDeploymentId: true, updatedAt: true },
    req,
  })
  if (!site || (typeof site.lastDeploymentId === 'number' && site.lastDeploymentId > Number(doc.id))) return doc
  await req.payload.db.updateOne({
    collection: 'sites',
    id: siteId,
    data: {
      // the adapter would set updatedAt to now: kept, since it says when the site's settings last changed ("Deploy
      // all changed" compares it with the live build, plugins/fleet/deploy-many/changed.ts)
      ...(site.updatedAt ? { updatedAt: site.updatedAt } : {}),
      lastDeploymentId: Number(doc.id),
      lastDeployStatus: doc.status,
      lastDeployAt: doc.finishedAt ?? doc.updatedAt,
      ...(doc.status === 'success'
        ? { liveUrl: doc.url ?? null, lastDeployWarnings: doc.warningCount ?? 0, lastDeployWarningText: doc.warnings || null }
        : {}),
    },
    req,
    returning: false,
  })
  return doc
}
