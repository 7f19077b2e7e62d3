'use client'
import { Button, toast, useConfig, useDocumentInfo } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { errorMessage } from './status'

/** "Deploy now" beside Save on a site: queues a deployment and opens its live view. */
export const DeployButton = () => {
  const { id, isTrashed } = useDocumentInfo()
  const {
    config: {
      routes: { admin, api },
      serverURL,
    },
  } = useConfig()
  const router = useRouter()
  const [isBusy, setIsBusy] = useState(false)
  // a site in the trash is not deployed (the server answers 409): restore it first
  if (!id || isTrashed) return null

  const deploy = async () => {
    setIsBusy(true)
    try {
      const res = await fetch(`${serverURL}${api}/sites/${id}/deploy`, { method: 'POST', credentials: 'include' })
      if (!res.ok) {
        toast.error(await errorMessage(res, `Could not queue the deployment (HTTP ${res.status}).`))
        return
      }
      const { doc } = (await res.json()) as { doc: { id: number } }
      toast.success('Deployment queued.')
      router.push(`${admin}/collections/deployments/${doc.id}`)
    } catch {
      toast.error('Could not reach the server to deploy. Check your connection and try again.')
    } finally {
      setIsBusy(false)
    }
  }

  return (
    <Button buttonStyle="secondary" size="medium" disabled={isBusy} onClick={() => void deploy()} id="deploy-now" margin={false}>
      {isBusy ? 'Queueing…' : 'Deploy now'}
    </Button>
  )
}
