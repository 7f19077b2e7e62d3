import type { ServerProps } from 'payload'
import React from 'react'

import { addDays, utcDay } from '../core/visitor'
import { Sparkline } from './Sparkline.client'
import './analytics.css'

const DAYS = 30
const MAX_SITES = 24

/**
 * Admin home: each of the user's sites with its visitors over the last 30
 * days and its last deployment. Everything is read as the user, so an editor
 * sees only their sites. Two queries for all sites (rollups, then deployments).
 */
export const AnalyticsWidget = async ({ payload, user }: ServerProps) => {
  if (!user) return null
  const sites = await payload.find({ collection: 'sites', depth: 0, limit: MAX_SITES, sort: 'domain', overrideAccess: false, user, select: { domain: true } })
  if (sites.docs.length === 0) return null
  const ids = sites.docs.map((s) => s.id)
  const to = utcDay(new Date())
  const from = addDays(to, -(DAYS - 1))
  const [rollups, deployments] = await Promise.all([
    payload.find({
      collection: 'analytics',
      where: { and: [{ site: { in: ids } }, { date: { greater_than_equal: from } }] },
      pagination: false,
      depth: 0,
      overrideAccess: false,
      user,
      select: { site: true, date: true, visitors: true },
    }),
    payload.find({
      collection: 'deployments',
      where: { site: { in: ids } },
      sort: '-createdAt',
      limit: 200,
      depth: 0,
      overrideAccess: false,
      user,
      select: { site: true, status: true, createdAt: true, url: true },
    }),
  ])
  const visitors = new Map<string, number>()
  for (const r of rollups.docs) visitors.set(`${typeof r.site === 'object' ? r.site.id : r.site}:${r.date}`, Number(r.visitors ?? 0))
  const lastDeployment = new Map<string, (typeof deployments.docs)[number]>()
  for (const d of deployments.docs) {
    const site = String(d.site && typeof d.site === 'object' ? d.site.id : d.site)
    if (!lastDeployment.has(site)) lastDeployment.set(site, d)
  }
  const admin = payload.config.routes.admin
  return (
    <section className="analytics-widget">
      <div className="analytics-widget__head">
        <h2>Sites</h2>
        <a href={`${admin}/analytics`}>Open analytics</a>
      </div>
      <ul className="analytics-widget__list">
        {sites.docs.map((site) => {
          const days = Array.from({ length: DAYS }, (_, i) => {
            const date = addDays(from, i)
            return { date, visitors: visitors.get(`${site.id}:${date}`) ?? 0 }
          })
          const total = days.reduce((sum, d) => sum + d.visitors, 0)
          const deployment = lastDeployment.get(String(site.id))
          return (
            <li className="analytics-widget__site" key={site.id} data-testid={`analytics-widget-${site.id}`}>
              <a href={`${admin}/analytics?site=${site.id}`}>{site.domain}</a>
              <Sparkline days={days} label={`${site.domain}: ${total} visitors in the last ${DAYS} days`} />
              <div className="analytics-widget__meta">
                <span>{total.toLocaleString('en')} visitors / 30 days</span>
                {deployment ? (
                  <a className={`analytics-widget__status--${deployment.status}`} href={`${admin}/collections/deployments/${deployment.id}`}>
                    {deployment.status}, {new Date(deployment.createdAt).toISOString().slice(0, 10)}
                  </a>
                ) : (
                  <span>never deployed</span>
                )}
              </div>
            </li>
          )
        })}
      </ul>
    </section>
  )
}
