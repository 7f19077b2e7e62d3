'use client'
import type { DefaultCellComponentProps } from 'payload'

import { Button, toast, useConfig } from '@payloadcms/ui'
import { useRouter } from 'next/navigation'
import { useState } from 'react'

import { errorMessage } from './status'

/** "Deploy" in each row of the sites list: queues a deployment without opening the site. */
export const DeployRowButton = ({ rowData }: DefaultCellComponentProps) => {
  const {
    config: {
      routes: { admin, api },
      serverURL,
    },
  } = useConfig()
  const router = useRouter()
  const [isBusy, setIsBusy] = useState(false)

  const deploy = async () => {
    setIsBusy(true)
    try {
      const res = await fetch(`${serverURL}${api}/sites/${rowData.id}/deploy`, { method: 'POST', credentials: 'include' })
      if (!res.ok) {
        toast.error(await errorMessage(res, `Could not queue the deployment (HTTP ${res.status}).`))
        return
      }
      const { doc } = (await res.json()) as { doc: { id: number } }
      toast.success(`Deployment of ${rowData.domain ?? 'the site'} queued.`, {
        action: { label: 'Follow it', onClick: () => router.push(`${admin}/collections/deployments/${doc.id}`) },
      })
      router.refresh()
    } catch {
      toast.error('Could not reach the server to deploy. Check your connection and try again.')
    } finally {
      setIsBusy(false)
    }
  }

  // the Trash view lists sites that cannot be deployed until restored
  if (rowData.deletedAt) return null
  return (
    <Button
      buttonStyle="secondary"
      size="xsmall"
      margin={false}
      disabled={isBusy}
      onClick={(event) => {
        event.stopPropagation()
        void deploy()
      }}
    >
      {isBusy ? 'Queueing…' : 'Deploy'}
    </Button>
  )
}
