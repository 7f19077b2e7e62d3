import type { CollectionAfterChangeHook, Payload, PayloadRequest } from 'payload'

import { sql } from '@payloadcms/db-postgres'

import { sqlQuery } from '@/lib/dataMigrations/query'

import { statusLabel } from '../components/status'

type TitleParts = { domain: string | null | undefined; id: number | string; status: string | null | undefined }

/** "demo.panel.local — deployment 19 — Success": what the deployment's page, tab and lists call it. */
export const deploymentTitle = ({ domain, id, status }: TitleParts): string =>
  `${domain || 'deleted site'} — deployment ${id} — ${statusLabel(status || 'queued')}`

const siteIdOf = (site: unknown): number | string | null => {
  if (site === null || site === undefined || site === '') return null
  if (typeof site === 'object') return (site as { id?: number | string }).id ?? null
  return site as number | string
}

const siteDomain = async (payload: Payload, site: unknown, req?: Partial<PayloadRequest>): Promise<string | null> => {
  const id = siteIdOf(site)
  if (id === null) return null
  if (typeof site === 'object' && site !== null && typeof (site as { domain?: unknown }).domain === 'string') return (site as { domain: string }).domain
  // in the trash too: a trashed site's deployments still belong to it
  const found = await payload.db.findOne<{ id: number; domain?: string }>({ collection: 'sites', where: { id: { equals: id } }, select: { domain: true }, req })
  return found?.domain ?? null
}

/**
 * Keeps the stored title current: written when the deployment is created
 * (its id is known only then) and whenever its status changes. Straight
 * through the adapter, like recordOnSite: no hooks run again, and the job's
 * progress writes (same status) cost nothing.
 */
export const keepTitle: CollectionAfterChangeHook = async ({ doc, previousDoc, operation, req }) => {
  if (operation === 'update' && previousDoc?.status === doc.status && doc.title) return doc
  const title = deploymentTitle({ domain: await siteDomain(req.payload, doc.site, req), id: doc.id, status: doc.status })
  if (title === doc.title) return doc
  await req.payload.db.updateOne({ collection: 'deployments', id: doc.id, data: { title }, req, returning: false })
  return { ...doc, title }
}

/**
 * Data step for the migration that adds `deployments.title`: gives every existing deployment its title. Plain SQL
 * naming its columns (lib/dataMigrations/query.ts says why: the adapter would select columns of later migrations),
 * batches of 500, in the migration's transaction when `req` carries one. A deployment whose site is gone is
 * "deleted site". Returns how many deployments were titled.
 */
export const fillDeploymentTitles = async ({ payload, req }: { payload: Payload; req?: Partial<PayloadRequest> }): Promise<number> => {
  const { query } = await sqlQuery(payload, req)
  let updated = 0
  for (;;) {
    const rows = await query(
      sql`SELECT d."id" AS "id", d."status" AS "status", s."domain" AS "domain" FROM "deployments" d LEFT JOIN "sites" s ON s."id" = d."site_id" WHERE d."title" IS NULL ORDER BY d."id" LIMIT 500`,
    )
    if (rows.length === 0) return updated
    for (const row of rows) {
      const title = deploymentTitle({ domain: (row.domain as string | null) ?? null, id: row.id as number, status: (row.status as string | null) ?? null })
      await query(sql`UPDATE "deployments" SET "title" = ${title} WHERE "id" = ${row.id}`)
      updated += 1
    }
  }
}
