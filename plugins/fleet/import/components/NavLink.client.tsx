'use client'

import { useAuth, useConfig } from '@payloadcms/ui'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import React from 'react'

/** "Import sites" in the admin's side navigation, for admins (editors cannot create sites). */
export const ImportSitesNavLink = () => {
  const { config } = useConfig()
  const { user } = useAuth<{ role?: string }>()
  const pathname = usePathname()
  if (user?.role !== 'admin') return null
  const href = `${config.routes.admin}/import-sites`
  const isActive = pathname === href
  return (
    <Link className="nav__link" href={href} prefetch={false} aria-current={isActive ? 'page' : undefined} id="nav-import-sites">
      {isActive && <div className="nav__link-indicator" />}
      <span className="nav__link-label">Import sites</span>
    </Link>
  )
}
