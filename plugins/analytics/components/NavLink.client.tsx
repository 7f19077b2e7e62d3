'use client'

import { useConfig } from '@payloadcms/ui'
import Link from 'next/link'
import { usePathname } from 'next/navigation'
import React from 'react'

/** "Analytics" in the admin's side navigation, under the collections. */
export const AnalyticsNavLink = () => {
  const { config } = useConfig()
  const href = `${config.routes.admin}/analytics`
  const pathname = usePathname()
  const isActive = pathname === href
  return (
    <Link className="nav__link" href={href} prefetch={false} aria-current={isActive ? 'page' : undefined} id="nav-analytics">
      {isActive && <div className="nav__link-indicator" />}
      <span className="nav__link-label">Analytics dashboard</span>
    </Link>
  )
}
