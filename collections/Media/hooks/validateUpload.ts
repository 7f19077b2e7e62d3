import { readFile, stat, writeFile } from 'node:fs/promises'

import { APIError, type CollectionBeforeOperationHook } from 'payload'

import { imageSizeProblem } from '../upload/dimensions'
import { MAX_UPLOAD_BYTES, sniffUpload, tooLarge, withAllowedExtension } from '../upload/policy'

/**
 * Runs before Payload stores anything, so a refused upload never reaches disk,
 * S3 or image resizing. Messages are public: they tell the editor what to fix.
 */
export const validateUpload: CollectionBeforeOperationHook<'media'> = async ({ args, operation }) => {
  if (operation !== 'create' && operation !== 'update') return args
  const req = args.req
  const file = req?.file
  if (!req || !file) return args

  // With useTempFiles the bytes are on disk and `data` is empty.
  const onDisk = Boolean(file.tempFilePath) && (!file.data || file.data.length === 0)
  if (onDisk) {
    // Check the size first so a huge temp file is never read into memory.
    const { size } = await stat(file.tempFilePath!)
    if (size > MAX_UPLOAD_BYTES) throw refusal(tooLarge(file.name, size))
  }
  const data = onDisk ? await readFile(file.tempFilePath!) : file.data

  const result = await sniffUpload({ data, filename: file.name, declaredMimeType: file.mimetype })
  if (!result.ok) throw refusal(result)
  const sizeProblem = await imageSizeProblem({ data: result.sanitized?.data ?? data, filename: file.name, mimeType: result.mimeType })
  if (sizeProblem) throw refusal(sizeProblem)

  file.mimetype = result.mimeType
  file.name = withAllowedExtension(file.name, result.mimeType)
  if (result.sanitized) {
    const clean = result.sanitized.data
    // Storage adapters and Payload's copy step read the temp file, not `data`.
    if (file.tempFilePath) await writeFile(file.tempFilePath, clean)
    file.data = clean
    file.size = clean.length
    if (result.sanitized.removed.length > 0) {
      req.payload.logger.warn({ msg: `Removed unsafe parts from SVG upload "${file.name}"`, removed: result.sanitized.removed })
    }
  }
  return args
}

const refusal = ({ message, status }: { message: string; status: number }) => new APIError(message, status, undefined, true)
