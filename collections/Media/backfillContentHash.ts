import { createHash } from 'node:crypto'

import type { Payload, PayloadRequest } from 'payload'

import { readLocation } from '@/lib/storage/read'
import { uploadSource } from '@/plugins/site-builder/load/map'

/**
 * For the migration that adds `media.contentHash` (optional data step): the hash of every stored original
 * that has none yet, read from the media storage and written straight through the adapter (no hooks, no new
 * `updatedAt`). A missing file is skipped. The next deployment of each site encodes its image variants once
 * under the new keys; after that a clone's copies reuse them. Returns how many were written.
 */
export const backfillMediaContentHashes = async ({ payload, req }: { payload: Payload; req?: Partial<PayloadRequest> }): Promise<number> => {
  let written = 0
  // by id, after the last one seen: those written leave the set, those skipped stay in it
  let after = 0
  for (;;) {
    const { docs } = await payload.find({
      collection: 'media',
      where: { and: [{ contentHash: { exists: false } }, { id: { greater_than: after } }] },
      sort: 'id',
      trash: true,
      depth: 0,
      limit: 100,
      overrideAccess: true,
      req,
    })
    if (docs.length === 0) return written
    after = Number(docs[docs.length - 1].id)
    for (const media of docs) {
      if (!media.filename) continue
      try {
        const bytes = await readLocation(uploadSource(payload, 'media', media.filename, media.url, media))
        await payload.db.updateOne({ collection: 'media', id: media.id, data: { contentHash: createHash('sha256').update(bytes).digest('hex') }, req, returning: false })
        written++
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err
      }
    }
  }
}
