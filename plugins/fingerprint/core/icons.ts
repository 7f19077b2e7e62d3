/**
 * Site icons, the pure half: which files a site gets and the `<head>` tags that point at them.
 * The files themselves are made by plugins/fingerprint/images/icons.ts (sharp) from the site's
 * favicon or, when it has none, its logo.
 *
 * All icons live at the site root: browsers ask for /favicon.ico and /apple-touch-icon.png on
 * their own, whatever the page says.
 */

export type IconFile = {
  /** Site path (no leading slash). */
  path: string
  contentType: string
  /** Square sizes in pixels; the ICO holds several. */
  sizes: readonly number[]
}

export const ICO_SIZES: readonly number[] = [16, 32, 48]
export const APPLE_TOUCH_SIZE = 180

export const ICON_FILES: readonly IconFile[] = [
  { path: 'favicon.ico', contentType: 'image/x-icon', sizes: ICO_SIZES },
  { path: 'favicon-16x16.png', contentType: 'image/png', sizes: [16] },
  { path: 'favicon-32x32.png', contentType: 'image/png', sizes: [32] },
  { path: 'apple-touch-icon.png', contentType: 'image/png', sizes: [APPLE_TOUCH_SIZE] },
  { path: 'icon-192.png', contentType: 'image/png', sizes: [192] },
  { path: 'icon-512.png', contentType: 'image/png', sizes: [512] },
]

export const MANIFEST_PATH = 'site.webmanifest'

export type IconTagOptions = {
  /** Appended as `?v=...` so browsers, which cache icons hard, notice a new one (e.g. a hash of the source). */
  version?: string | null
  /** Also link the web app manifest (`webManifest`), which lists icon-192/icon-512. */
  manifest?: boolean
}

const escapeAttr = (value: string): string =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** The `<link>` tags for `<head>`, one per line, in a fixed order. */
export const iconHeadTags = (options: IconTagOptions = {}): string => {
  const v = options.version ? `?v=${encodeURIComponent(options.version)}` : ''
  const href = (path: string) => escapeAttr(`/${path}${v}`)
  const tags = [
    `<link rel="icon" href="${href('favicon.ico')}" sizes="any">`,
    `<link rel="icon" type="image/png" sizes="32x32" href="${href('favicon-32x32.png')}">`,
    `<link rel="icon" type="image/png" sizes="16x16" href="${href('favicon-16x16.png')}">`,
    `<link rel="apple-touch-icon" sizes="180x180" href="${href('apple-touch-icon.png')}">`,
  ]
  if (options.manifest) tags.push(`<link rel="manifest" href="${href(MANIFEST_PATH)}">`)
  return tags.join('\n')
}

export type ManifestOptions = {
  name: string
  shortName?: string | null
  lang?: string | null
  themeColor?: string | null
  backgroundColor?: string | null
  startUrl?: string
}

/** A minimal web app manifest naming icon-192 and icon-512 (stable key order, so stable bytes). */
export const webManifest = (options: ManifestOptions): string => {
  const manifest: Record<string, unknown> = {
    name: options.name,
    short_name: options.shortName || options.name,
    ...(options.lang ? { lang: options.lang } : {}),
    start_url: options.startUrl ?? '/',
    display: 'browser',
    ...(options.themeColor ? { theme_color: options.themeColor } : {}),
    ...(options.backgroundColor ? { background_color: options.backgroundColor } : {}),
    icons: [
      { src: '/icon-192.png', sizes: '192x192', type: 'image/png' },
      { src: '/icon-512.png', sizes: '512x512', type: 'image/png' },
    ],
  }
  return `${JSON.stringify(manifest, null, 2)}\n`
}
