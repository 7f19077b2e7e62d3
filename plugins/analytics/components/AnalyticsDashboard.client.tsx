'use client'

import { Banner, Button } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import React, { useState } from 'react'
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts'

import type { SiteStats } from '../stats'
import './analytics.css'

type Props = {
  adminRoute: string
  apiRoute: string
  sites: { id: number; domain: string }[]
  stats: SiteStats | null
  error: string | null
}

const number = new Intl.NumberFormat('en')
const money = new Intl.NumberFormat('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 })

const Figure = ({ label, value, testId }: { label: string; value: string; testId: string }) => (
  <div className="analytics__figure" data-testid={testId}>
    <span className="analytics__figure-value">{value}</span>
    <span className="analytics__figure-label">{label}</span>
  </div>
)

const RankTable = ({ title, rows, unit }: { title: string; rows: { name: string; count: number }[]; unit: string }) => (
  <section className="analytics__panel">
    <h2>{title}</h2>
    {rows.length === 0 ? (
      <p className="analytics__empty">Nothing yet</p>
    ) : (
      <table className="analytics__table">
        <thead>
          <tr>
            <th>{title.replace(/^Top /, '')}</th>
            <th>{unit}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.name}>
              <td title={r.name}>{r.name}</td>
              <td>{number.format(r.count)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
)

/** The Analytics view's body: site and range pickers, figures, charts, tables and the CSV link. */
export const AnalyticsDashboard = ({ adminRoute, apiRoute, sites, stats, error }: Props) => {
  const router = useRouter()
  const [from, setFrom] = useState(stats?.from ?? '')
  const [to, setTo] = useState(stats?.to ?? '')
  const siteId = stats?.site.id ?? sites[0]?.id

  const go = (next: { site?: number | string; from?: string; to?: string }) => {
    const params = new URLSearchParams()
    const site = next.site ?? siteId
    if (site !== undefined) params.set('site', String(site))
    if (next.from ?? from) params.set('from', next.from ?? from)
    if (next.to ?? to) params.set('to', next.to ?? to)
    router.push(`${adminRoute}/analytics?${params}`)
  }

  if (sites.length === 0) {
    return (
      <div className="analytics">
        <h1>Analytics</h1>
        <Banner type="info">You have no sites yet. Once a site is assigned to you, its visitors show here.</Banner>
      </div>
    )
  }
  const csv = stats ? `${apiRoute}/analytics/stats?${new URLSearchParams({ site: String(stats.site.id), from: stats.from, to: stats.to, format: 'csv' })}` : null
  const sources = stats ? Object.entries(stats.sources).map(([source, sessions]) => ({ source, sessions })) : []

  return (
    <div className="analytics">
      {/* a div, not <header>: inside the admin's layout a page-level header would be a second banner landmark */}
      <div className="analytics__header">
        <h1>Analytics</h1>
        <form
          className="analytics__controls"
          onSubmit={(e) => {
            e.preventDefault()
            go({})
          }}
        >
          {/* a native select with its own label: named for assistive technology, usable without a pointer */}
          <div className="analytics__date analytics__site">
            <label htmlFor="analytics-site">Site</label>
            <select id="analytics-site" name="site" value={siteId !== undefined ? String(siteId) : ''} onChange={(e) => e.target.value && go({ site: e.target.value })}>
              {sites.map((s) => (
                <option key={s.id} value={String(s.id)}>
                  {s.domain}
                </option>
              ))}
            </select>
          </div>
          <label className="analytics__date">
            From
            <input type="date" name="from" value={from} onChange={(e) => setFrom(e.target.value)} />
          </label>
          <label className="analytics__date">
            To
            <input type="date" name="to" value={to} onChange={(e) => setTo(e.target.value)} />
          </label>
          <Button buttonStyle="secondary" size="small" type="submit">
            Show
          </Button>
          {csv && (
            <Button buttonStyle="secondary" size="small" el="anchor" url={csv} newTab={false}>
              Export CSV
            </Button>
          )}
        </form>
      </div>
      {error && <Banner type="error">{error}</Banner>}
      {stats && (
        <>
          <p className="analytics__caption">
            {stats.site.domain}, {stats.from} to {stats.to} (UTC). Figures come from the daily rollup, at most 10 minutes old.
          </p>
          <div className="analytics__figures">
            <Figure testId="analytics-visitors" label="Visitors" value={number.format(stats.visitors)} />
            <Figure testId="analytics-pageviews" label="Page views" value={number.format(stats.pageViews)} />
            <Figure testId="analytics-sessions" label="Sessions" value={number.format(stats.sessions)} />
            <Figure testId="analytics-bounce" label="Bounce rate" value={`${stats.bounceRate}%`} />
            <Figure testId="analytics-pps" label="Pages / session" value={String(stats.pagesPerSession)} />
            <Figure testId="analytics-conversions" label="Conversions" value={number.format(stats.conversions)} />
            <Figure testId="analytics-revenue" label="Revenue" value={money.format(stats.revenue)} />
          </div>
          <section className="analytics__panel">
            <h2>Visitors and page views</h2>
            <ResponsiveContainer width="100%" height={260}>
              <AreaChart data={stats.days} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
                <CartesianGrid strokeDasharray="3 3" stroke="var(--theme-elevation-150)" />
                <XAxis dataKey="date" tick={{ fontSize: 11 }} />
                <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
                <Tooltip />
                <Legend />
                <Area type="monotone" dataKey="pageViews" name="Page views" stroke="#2563eb" fill="#2563eb" fillOpacity={0.15} />
                <Area type="monotone" dataKey="visitors" name="Visitors" stroke="#16a34a" fill="#16a34a" fillOpacity={0.2} />
              </AreaChart>
            </ResponsiveContainer>
          </section>
          <div className="analytics__grid">
            <section className="analytics__panel">
              <h2>Sources (sessions)</h2>
              <ResponsiveContainer width="100%" height={220}>
                <BarChart data={sources} layout="vertical" margin={{ left: 16 }}>
                  <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
                  <YAxis type="category" dataKey="source" tick={{ fontSize: 11 }} width={70} />
                  <Tooltip />
                  <Bar dataKey="sessions" name="Sessions" fill="#7c3aed" />
                </BarChart>
              </ResponsiveContainer>
            </section>
            <section className="analytics__panel">
              <h2>Conversions and revenue</h2>
              <ResponsiveContainer width="100%" height={220}>
                <BarChart data={stats.days}>
                  <XAxis dataKey="date" tick={{ fontSize: 11 }} />
                  <YAxis yAxisId="c" allowDecimals={false} tick={{ fontSize: 11 }} />
                  <YAxis yAxisId="r" orientation="right" tick={{ fontSize: 11 }} />
                  <Tooltip />
                  <Legend />
                  <Bar yAxisId="c" dataKey="conversions" name="Conversions" fill="#ea580c" />
                  <Bar yAxisId="r" dataKey="revenue" name="Revenue" fill="#0891b2" />
                </BarChart>
              </ResponsiveContainer>
            </section>
          </div>
          <div className="analytics__grid">
            <RankTable title="Top pages" rows={stats.topPages} unit="Page views" />
            <RankTable title="Top referrers" rows={stats.topReferrers} unit="Sessions" />
          </div>
        </>
      )}
    </div>
  )
}
