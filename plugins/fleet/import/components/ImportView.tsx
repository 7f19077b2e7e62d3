import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import { redirect } from 'next/navigation'
import type { AdminViewServerProps } from 'payload'
import React from 'react'

import { isAdminUser } from '@/access/roles'
import { ImportSites } from './ImportSites.client'

/**
 * /admin/import-sites: upload a CSV, see what it would make (dry run), import it and follow the job.
 * Admins only, like creating a site; an editor is told so instead of seeing the form.
 */
export const ImportView = async ({ initPageResult, params, searchParams }: AdminViewServerProps) => {
  const { req, permissions, visibleEntities, locale } = initPageResult
  const { payload, user } = req
  const admin = payload.config.routes.admin
  if (!user) redirect(`${admin}/login?redirect=${encodeURIComponent(`${admin}/import-sites`)}`)
  const isAdmin = isAdminUser(user as never)

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
        <h1>Import sites</h1>
        {isAdmin ? (
          <ImportSites adminRoute={admin} apiRoute={payload.config.routes.api} />
        ) : (
          <p role="alert">Only admins can import sites. Ask an admin to import your file, or clone one of your sites from its edit view.</p>
        )}
      </Gutter>
    </DefaultTemplate>
  )
}
