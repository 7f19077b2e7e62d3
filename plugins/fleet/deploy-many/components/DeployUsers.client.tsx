'use client'
import { Button, toast, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useEffect, useState } from 'react'

import { postFleet } from './post'

/** Beside Save on a template or footprint: "N sites use this: deploy them" (the caller's sites). */
export const DeployUsers = () => {
  const { id, collectionSlug } = useDocumentInfo()
  const {
    config: {
      routes: { admin, api },
      serverURL,
    },
  } = useConfig()
  const router = useRouter()
  const [count, setCount] = useState<number | null>(null)
  const [isBusy, setIsBusy] = useState(false)
  const key = collectionSlug === 'templates' ? 'template' : 'footprint'

  useEffect(() => {
    if (!id) return
    let isCurrent = true
    fetch(`${serverURL}${api}/fleet-deployments/preview?${key}=${encodeURIComponent(String(id))}`, { credentials: 'include' })
      .then((res) => (res.ok ? (res.json() as Promise<{ count: number }>) : { count: 0 }))
      .then((body) => isCurrent && setCount(body.count))
      .catch(() => undefined)
    return () => {
      isCurrent = false
    }
  }, [api, id, key, serverURL])

  if (!id || !count) return null
  const deploy = async () => {
    setIsBusy(true)
    try {
      const result = await postFleet(`${serverURL}${api}/fleet-deployments`, { [key]: id })
      if ('error' in result) {
        toast.error(result.error)
        return
      }
      toast.success(`${count} deployment${count === 1 ? '' : 's'} queued.`)
      router.push(`${admin}/collections/fleet-deployments/${result.id}`)
    } finally {
      setIsBusy(false)
    }
  }
  return (
    <Button buttonStyle="secondary" size="medium" margin={false} id="fleet-deploy-users" disabled={isBusy} onClick={() => void deploy()}>
      {`${count} site${count === 1 ? ' uses' : 's use'} this: deploy ${count === 1 ? 'it' : 'them'}`}
    </Button>
  )
}
