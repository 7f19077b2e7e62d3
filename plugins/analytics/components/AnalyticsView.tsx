import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import { redirect } from 'next/navigation'
import type { AdminViewServerProps } from 'payload'
import React from 'react'

import { AnalyticsDashboard } from './AnalyticsDashboard.client'
import { analyticsViewData } from './viewData'

/**
 * /admin/analytics: one of the user's sites over a date range. Reads as the
 * user (access control applies), so an editor can only pick and see their
 * own sites; anything else is refused with a message, never shown.
 */
export const AnalyticsView = async ({ initPageResult, params, searchParams }: AdminViewServerProps) => {
  const { req, permissions, visibleEntities, locale } = initPageResult
  const { payload, user } = req
  const admin = payload.config.routes.admin
  if (!user) redirect(`${admin}/login?redirect=${encodeURIComponent(`${admin}/analytics`)}`)
  const data = await analyticsViewData({ payload, user, searchParams: (searchParams ?? {}) as Record<string, string | string[] | undefined> })

  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={payload}
      permissions={permissions}
      searchParams={searchParams}
      user={user}
      visibleEntities={visibleEntities}
    >
      <Gutter>
        <AnalyticsDashboard adminRoute={admin} apiRoute={payload.config.routes.api} error={data.error} sites={data.sites} stats={data.stats} />
      </Gutter>
    </DefaultTemplate>
  )
}
