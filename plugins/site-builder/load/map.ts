import path from 'node:path'

import type { Payload } from 'payload'

import type { AffiliateLink, Media, Page, Redirect, Site, SwiperPreset, Template, TemplateAsset, TemplateFootprint } from '@/payload-types'
import type {
  ID,
  SiteSnapshot,
  SnapshotBlock,
  SnapshotFootprint,
  SnapshotMedia,
  SnapshotMediaSize,
  SnapshotPage,
  SnapshotSite,
  SnapshotSwiperItem,
  SnapshotTemplate,
  UrlStyle,
} from '../core/types'
import { isScalar, isString, namedValues } from '../../../fields/keyValueRows'
import { s3ObjectKey, type StoredAt } from '../../../lib/storage/objectKey'
import { s3Location, s3SettingsFromEnv } from '../../../lib/storage/s3'
import { refId } from './refs'

/** Plain mapping from Payload documents (depth 0) to the builder's snapshot types. */

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/**
 * Where the bytes of an upload are: Payload's local storage writes to
 * `staticDir` resolved against the working directory, so we resolve it the
 * same way. In the S3/R2/MinIO bucket, the object (`s3://bucket/key`), read
 * with the storage's credentials: the bucket can stay private and a worker
 * needs no route through the app. Another cloud storage: the file's URL.
 */
export const uploadSource = (
  payload: Payload,
  collection: 'media' | 'template-assets',
  filename: string,
  url?: string | null,
  stored?: StoredAt,
): string => {
  const upload = payload.collections[collection].config.upload
  if (!upload.disableLocalStorage) return path.resolve(upload.staticDir || collection, filename)
  const s3 = upload.adapter === 's3' ? s3SettingsFromEnv() : null
  if (s3) return s3Location(s3.bucket, s3ObjectKey({ collection, filename, stored }))
  if (url && /^https?:\/\//i.test(url)) return url
  return `${payload.config.serverURL ?? ''}${url ?? ''}`
}

export const mapSite = (site: Site, language: string): SnapshotSite => ({
  id: site.id,
  domain: site.domain,
  brandName: site.brandName,
  language,
  urlStyle: (site.urlStyle ?? 'footprint') as SnapshotSite['urlStyle'],
  useWww: Boolean(site.useWww),
  allowIndexing: site.allowIndexing ?? true,
  redirect404ToHome: Boolean(site.redirect404ToHome),
  enablePageSpeed: site.enablePageSpeed ?? true,
  uniqueClassPrefix: site.uniqueClassPrefix ?? '',
  templateVariables: namedValues(site.templateVariables, isScalar),
  customColors: namedValues(site.customColors, isString),
  analyticsEnabled: site.analyticsEnabled ?? true,
  logo: refId(site.logo),
  favicon: refId(site.favicon),
  homePage: refId(site.homePage),
})

export const mapTemplate = (template: Template, assets: Map<string, TemplateAsset>, payload: Payload): SnapshotTemplate => ({
  id: template.id,
  name: template.name,
  type: template.type,
  html: template.html ?? null,
  css: template.css ?? null,
  js: template.js ?? null,
  menuHtml: template.menuHtml ?? null,
  footerMenuHtml: template.footerMenuHtml ?? null,
  faqHtml: template.faqHtml ?? null,
  cssOutput: template.cssOutput ?? 'external',
  jsOutput: template.jsOutput ?? 'defer',
  colorVariables: namedValues(template.colorVariables, isString),
  variables: (template.variables ?? []).map((v) => ({
    name: v.name,
    defaultValue: v.defaultValue ?? null,
    required: Boolean(v.required),
    description: v.description ?? null,
  })),
  sections: (template.sections ?? []).map((s) => ({
    type: s.type,
    name: s.name,
    order: s.order ?? 0,
    html: s.html ?? null,
    css: s.css ?? null,
  })),
  blockTemplates: (template.blockTemplates ?? []).map((b) => ({ blockType: b.blockType, html: b.html ?? '' })),
  availableBlocks: template.availableBlocks ?? [],
  preservedClasses: (template.preservedClasses ?? '').split(/\s+/).filter(Boolean),
  assets: (template.assets ?? []).flatMap((a) => {
    const file = assets.get(String(refId(a.file)))
    if (!file?.filename) return []
    return [
      {
        path: a.path,
        mediaSource: uploadSource(payload, 'template-assets', file.filename, file.url, file),
        filename: file.filename,
        mimeType: file.mimeType ?? 'application/octet-stream',
      },
    ]
  }),
})

export const mapFootprint = (fp: TemplateFootprint): SnapshotFootprint => ({
  id: fp.id,
  name: fp.name,
  pageUrlStyle: fp.pageUrlStyle as UrlStyle,
  themePath: fp.themePath ?? null,
  imagesPath: fp.imagesPath ?? null,
  cssPath: fp.cssPath ?? null,
  jsPath: fp.jsPath ?? null,
  pathVariables: namedValues(fp.pathVariables, isString),
})

export const mapPage = (page: Page): SnapshotPage => ({
  id: page.id,
  title: page.title,
  // only published pages are built, and publishing makes the slug (from the title when it was left empty)
  slug: page.slug ?? '',
  h1: text(page.h1),
  meta: { title: text(page.meta?.title), description: text(page.meta?.description), image: refId(page.meta?.image) },
  canonicalUrl: text(page.canonicalUrl),
  customHeadHtml: text(page.customHeadHtml),
  keywords: text(page.keywords),
  lsiPhrases: text(page.lsiPhrases),
  order: typeof page.order === 'number' ? page.order : 0,
  showInMenu: page.showInMenu ?? true,
  menuLabel: text(page.menuLabel),
  blocks: (page.blocks ?? []) as unknown as SnapshotBlock[],
  updatedAt: page.updatedAt,
})

export const mapMedia = (media: Media, payload: Payload): SnapshotMedia | null => {
  if (!media.filename) return null
  const sizes: SnapshotMediaSize[] = Object.entries(media.sizes ?? {}).flatMap(([name, size]) =>
    size?.filename
      ? [
          {
            name,
            filename: size.filename,
            width: size.width ?? 0,
            height: size.height ?? 0,
            mimeType: size.mimeType ?? media.mimeType ?? 'application/octet-stream',
            source: uploadSource(payload, 'media', size.filename, size.url, media),
          },
        ]
      : [],
  )
  sizes.sort((a, b) => a.width - b.width || (a.name < b.name ? -1 : 1))
  return {
    id: media.id,
    filename: media.filename,
    mimeType: media.mimeType ?? 'application/octet-stream',
    filesize: media.filesize ?? 0,
    width: media.width ?? null,
    height: media.height ?? null,
    alt: media.alt ?? '',
    caption: media.caption ?? null,
    source: uploadSource(payload, 'media', media.filename, media.url, media),
    sizes,
    updatedAt: media.updatedAt,
    contentHash: media.contentHash ?? null,
  }
}

const swiperItem = (item: SwiperPreset['items'][number]): SnapshotSwiperItem => ({
  title: item.title,
  image: refId(item.image),
  rating: item.rating ?? null,
  badge: item.badge ?? null,
  description: item.description ?? null,
  url: item.url ?? null,
  affiliateLink: refId(item.affiliateLink),
})

export const mapPreset = (preset: SwiperPreset): SiteSnapshot['presets'][string] => ({
  id: preset.id,
  name: preset.name,
  buttonText: preset.buttonText ?? null,
  items: (preset.items ?? []).map(swiperItem),
})

export const mapAffiliateLink = (link: AffiliateLink): SiteSnapshot['affiliateLinks'][string] => ({
  id: link.id,
  name: link.name,
  code: link.code,
  url: link.url,
  active: link.active ?? true,
})

export const byId = <T extends { id: ID }>(docs: T[]): Record<string, T> => Object.fromEntries(docs.map((d) => [String(d.id), d]))

/** A redirect as `_redirects` needs it; a page target is written with the URL the page has in the build. */
export const mapRedirect = (redirect: Pick<Redirect, 'from' | 'toPage' | 'toPath' | 'status'>): NonNullable<SiteSnapshot['redirects']>[number] => ({
  from: redirect.from,
  toPage: refId(redirect.toPage),
  toPath: redirect.toPath ?? null,
  status: redirect.status === '302' ? 302 : 301,
})
