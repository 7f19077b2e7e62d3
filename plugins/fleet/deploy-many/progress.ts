import type { CollectionAfterReadHook, Payload } from 'payload'

import type { Deployment } from '@/payload-types'
import { UNFINISHED } from './constants'

type ID = number | string
export type FleetItem = { site?: unknown; deployment?: unknown; attempts?: number | null }
export type FleetSiteProgress = {
  site: ID | null
  domain: string | null
  deployment: ID | null
  status: Deployment['status'] | 'missing'
  error: string | null
  url: string | null
  startedAt: string | null
  finishedAt: string | null
  attempts: number
}
export type FleetProgress = {
  total: number
  queued: number
  running: number
  success: number
  failed: number
  cancelled: number
  /** Every site's deployment has ended. */
  isDone: boolean
  sites: FleetSiteProgress[]
}

const idOf = (value: unknown): ID | null =>
  value && typeof value === 'object' ? ((value as { id?: ID }).id ?? null) : ((value as ID | null | undefined) ?? null)

/** Each site's status, read from its deployment now (one query for the deployments, one for the domains). */
export const fleetProgress = async (payload: Payload, items: FleetItem[]): Promise<FleetProgress> => {
  const deploymentIds = items.map((item) => idOf(item.deployment)).filter((id): id is ID => id !== null)
  const siteIds = items.map((item) => idOf(item.site)).filter((id): id is ID => id !== null)
  const [deployments, sites] = await Promise.all([
    deploymentIds.length
      ? payload.find({
          collection: 'deployments',
          where: { id: { in: deploymentIds } },
          select: { status: true, error: true, url: true, startedAt: true, finishedAt: true },
          depth: 0,
          pagination: false,
          overrideAccess: true,
        })
      : { docs: [] },
    siteIds.length
      ? payload.find({ collection: 'sites', where: { id: { in: siteIds } }, select: { domain: true }, depth: 0, pagination: false, trash: true, overrideAccess: true })
      : { docs: [] },
  ])
  const byId = new Map(deployments.docs.map((doc) => [String(doc.id), doc as Partial<Deployment>]))
  const domains = new Map(sites.docs.map((doc) => [String(doc.id), (doc as { domain?: string }).domain ?? null]))
  const rows: FleetSiteProgress[] = items.map((item) => {
    const site = idOf(item.site)
    const deploymentId = idOf(item.deployment)
    const deployment = deploymentId === null ? undefined : byId.get(String(deploymentId))
    return {
      site,
      domain: site === null ? null : (domains.get(String(site)) ?? null),
      deployment: deploymentId,
      // a deployment deleted for good (or never made) is reported as such, not as running
      status: deployment?.status ?? 'missing',
      error: deployment ? (deployment.error ?? null) : 'The deployment no longer exists.',
      url: deployment?.url ?? null,
      startedAt: deployment?.startedAt ?? null,
      finishedAt: deployment?.finishedAt ?? null,
      attempts: item.attempts ?? 1,
    }
  })
  const count = (test: (row: FleetSiteProgress) => boolean) => rows.filter(test).length
  return {
    total: rows.length,
    queued: count((row) => row.status === 'queued'),
    running: count((row) => row.status === 'building' || row.status === 'uploading'),
    success: count((row) => row.status === 'success'),
    failed: count((row) => row.status === 'failed' || row.status === 'missing'),
    cancelled: count((row) => row.status === 'cancelled'),
    isDone: rows.every((row) => !UNFINISHED.has(row.status)),
    sites: rows,
  }
}

/** Fills the virtual `progress` on every read (REST, GraphQL, the admin), so a client polls one document. */
export const addProgress: CollectionAfterReadHook = async ({ doc, req }) => {
  if (!Array.isArray(doc?.items)) return doc
  doc.progress = await fleetProgress(req.payload, doc.items as FleetItem[])
  return doc
}
