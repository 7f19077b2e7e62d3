import { buildStoragePathData, sanitizePrefix } from '@payloadcms/plugin-cloud-storage/utilities'

import { S3_PREFIXES, type S3Collection } from './s3'

/** What the storage plugin keeps on an upload document to find its objects. */
export type StoredAt = { prefix?: string | null; _objectKey?: string | null }

/**
 * The object key of one file of an upload (the original or a size), computed the way the storage
 * plugin computes it when it serves or deletes the file: the document's prefix (or the collection's)
 * and its `_objectKey` folder, then the file name.
 */
export const s3ObjectKey = ({ collection, filename, stored }: { collection: S3Collection; filename: string; stored?: StoredAt }): string => {
  const folder = [stored?.prefix, stored?._objectKey].map((part) => sanitizePrefix(part ?? '')).filter(Boolean).join('/')
  return buildStoragePathData({ collectionPrefix: S3_PREFIXES[collection], docPrefix: folder, filename }).storageFilePath
}
