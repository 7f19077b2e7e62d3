import path from 'node:path'

/** Where uploaded media live on local disk (when S3 is not configured). Tests point it at their own folder. */
export const mediaDir = (): string => path.resolve(process.env.MEDIA_DIR ?? 'media')

export const templateAssetsDir = (): string => path.join(mediaDir(), 'template-assets')
