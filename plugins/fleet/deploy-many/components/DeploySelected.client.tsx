'use client'
import { Button, toast, useConfig, useSelection } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { postFleet } from './post'

/**
 * Above the sites list: Deploy for the selected sites (all of the query's sites when "select all" spans pages)
 * and Deploy all changed. Both make one fleet deployment and open its progress view.
 */
export const DeploySelected = () => {
  const { count, getQueryParams, selectAll, selectedIDs } = useSelection()
  const {
    config: {
      routes: { admin, api },
      serverURL,
    },
  } = useConfig()
  const router = useRouter()
  const [isBusy, setIsBusy] = useState(false)

  /** Every selected id: the selection's own, or, across pages, the ids of the list's whole query. */
  const selectedSites = async (): Promise<(number | string)[]> => {
    // SelectAllStatus.AllAvailable (the enum is not exported from the package's client entry)
    if (String(selectAll) !== 'allAvailable') return selectedIDs
    const res = await fetch(`${serverURL}${api}/sites${getQueryParams()}&depth=0&limit=0&pagination=false&select[domain]=true`, { credentials: 'include' })
    const body = (await res.json()) as { docs?: { id: number | string }[] }
    return (body.docs ?? []).map((doc) => doc.id)
  }

  const run = async (body: () => Promise<unknown>) => {
    setIsBusy(true)
    try {
      const result = await postFleet(`${serverURL}${api}/fleet-deployments`, await body())
      if ('error' in result) {
        toast.error(result.error)
        return
      }
      toast.success('Deployments queued.')
      router.push(`${admin}/collections/fleet-deployments/${result.id}`)
    } finally {
      setIsBusy(false)
    }
  }

  return (
    <div className="fleet-deploy-bar" style={{ display: 'flex', gap: '0.75rem', alignItems: 'center', margin: '0 0 1rem' }}>
      <Button
        buttonStyle="secondary"
        size="small"
        margin={false}
        id="fleet-deploy-selected"
        disabled={isBusy || count === 0}
        onClick={() => void run(async () => ({ sites: await selectedSites() }))}
      >
        {count > 0 ? `Deploy ${count} selected` : 'Deploy selected'}
      </Button>
      <Button buttonStyle="secondary" size="small" margin={false} id="fleet-deploy-changed" disabled={isBusy} onClick={() => void run(async () => ({ changed: true }))}>
        Deploy all changed
      </Button>
      {count === 0 ? <span style={{ opacity: 0.7 }}>Select sites to deploy them together.</span> : null}
    </div>
  )
}
