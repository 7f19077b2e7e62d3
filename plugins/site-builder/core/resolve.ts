import { richTextToHtml, type RichTextLink } from './richText'
import { escapeHtml, safe, type SafeHtml } from './safe'
import type { AssetLayout } from './urls'
import type { AssetCopy, ID, SiteSnapshot, SnapshotLink, SnapshotMedia, SnapshotSwiperItem } from './types'

export type ImageView = {
  url: string
  alt: string
  width: number | null
  height: number | null
  mime_type: string
  srcset: string
  sizes: string
}

export type LinkView = { href: string; target: string | null; rel: string | null; is_external: boolean; is_affiliate: boolean }

/**
 * Turns ids in blocks into what templates print, and records every media
 * file a page uses so the build copies exactly those.
 */
export class Resolver {
  readonly used = new Map<string, AssetCopy>()
  /** Records (media, presets, affiliate links) the current page read: with the page itself, what its output depends on. */
  readonly deps = new Set<string>()
  private pageTitles: Map<string, string> | undefined

  constructor(
    private readonly snapshot: SiteSnapshot,
    private readonly layout: AssetLayout,
    private readonly pageUrls: Map<string, string>,
    private readonly transformRichText: (html: string) => string = (html) => html,
  ) {}

  mediaPath(filename: string): string {
    return `/${this.layout.images ? `${this.layout.images}/` : ''}${filename}`
  }

  private use(path: string, source: string, contentType: string) {
    if (!this.used.has(path)) this.used.set(path, { path: path.slice(1), source, contentType })
  }

  private titleOf(id: string): string | undefined {
    this.pageTitles ??= new Map(this.snapshot.pages.map((p) => [String(p.id), p.title]))
    return this.pageTitles.get(id)
  }

  /** The records this page read, in a stable order, for its dependency hash. */
  depRecords(): unknown[] {
    return [...this.deps].sort().map((dep) => {
      const [kind, key] = dep.split(':') as ['media' | 'affiliateLinks' | 'presets' | 'page', string]
      // a linked page: only what the link shows of it, its URL and title
      if (kind === 'page') return [dep, this.pageUrls.get(key) ?? null, this.titleOf(key) ?? null]
      return [dep, this.snapshot[kind][key] ?? null]
    })
  }

  media(id: unknown): SnapshotMedia | null {
    const key = id && typeof id === 'object' && 'id' in id ? String((id as { id: ID }).id) : id == null ? '' : String(id)
    const media = this.snapshot.media[key] ?? null
    if (media) this.deps.add(`media:${key}`)
    return media
  }

  image(id: unknown): ImageView | null {
    const media = this.media(id)
    if (!media) return null
    const url = this.mediaPath(media.filename)
    this.use(url, media.source, media.mimeType)
    const sizes = media.sizes.filter((s) => s.width > 0 && (media.width === null || s.width < media.width))
    const srcset = sizes
      .map((s) => {
        const sizeUrl = this.mediaPath(s.filename)
        this.use(sizeUrl, s.source, s.mimeType)
        return `${sizeUrl} ${s.width}w`
      })
      .concat(media.width && sizes.length ? [`${url} ${media.width}w`] : [])
      .join(', ')
    return {
      url,
      alt: media.alt ?? '',
      width: media.width,
      height: media.height,
      mime_type: media.mimeType,
      srcset,
      sizes: srcset ? '(max-width: 768px) 100vw, 768px' : '',
    }
  }

  affiliateHref(id: unknown): string | null {
    const link = this.snapshot.affiliateLinks[String(id)]
    this.deps.add(`affiliateLinks:${String(id)}`)
    return link && link.active ? `/go/${link.code}/` : null
  }

  link(link: SnapshotLink | null | undefined): LinkView | null {
    if (!link) return null
    const newTab = Boolean(link.newTab)
    if (link.type === 'page' && link.page != null) {
      this.deps.add(`page:${String(link.page)}`)
      const href = this.pageUrls.get(String(link.page))
      return href ? { href, target: newTab ? '_blank' : null, rel: newTab ? 'noopener' : null, is_external: false, is_affiliate: false } : null
    }
    if (link.type === 'affiliate' && link.affiliateLink != null) {
      const href = this.affiliateHref(link.affiliateLink)
      return href ? { href, target: newTab ? '_blank' : null, rel: 'sponsored nofollow', is_external: false, is_affiliate: true } : null
    }
    if (link.url && /^https?:\/\//i.test(link.url)) {
      return { href: link.url, target: newTab ? '_blank' : null, rel: newTab ? 'noopener noreferrer' : null, is_external: true, is_affiliate: false }
    }
    return null
  }

  swiperItem(item: SnapshotSwiperItem) {
    const affiliate = item.affiliateLink != null ? this.affiliateHref(item.affiliateLink) : null
    const link: LinkView | null = affiliate
      ? { href: affiliate, target: null, rel: 'sponsored nofollow', is_external: false, is_affiliate: true }
      : item.url && /^https?:\/\//i.test(item.url)
        ? { href: item.url, target: '_blank', rel: 'noopener noreferrer', is_external: true, is_affiliate: false }
        : null
    return {
      title: item.title,
      image: this.image(item.image),
      rating: item.rating ?? null,
      badge: item.badge ?? null,
      description: item.description ?? null,
      link,
    }
  }

  /** A document's published URL and name, for rich text links and relationship nodes; null when it is not on the site. */
  private docLink(relationTo: string, value: unknown): RichTextLink | null {
    const id = value && typeof value === 'object' && 'id' in value ? (value as { id: ID }).id : value
    if (id === null || id === undefined || id === '') return null
    switch (relationTo) {
      case 'pages': {
        this.deps.add(`page:${String(id)}`)
        const href = this.pageUrls.get(String(id))
        const title = this.titleOf(String(id))
        return href && title !== undefined ? { href, label: title, rel: null } : null
      }
      case 'affiliate-links': {
        const href = this.affiliateHref(id)
        const link = this.snapshot.affiliateLinks[String(id)]
        return href && link ? { href, label: link.name, rel: 'sponsored nofollow' } : null
      }
      case 'media': {
        const media = this.media(id)
        return media ? { href: this.file(media), label: media.alt || media.filename, rel: null } : null
      }
      default:
        // users, tokens, settings...: nothing of theirs is ever published
        return null
    }
  }

  /** A media file's published URL; the build copies it. */
  private file(media: SnapshotMedia): string {
    const url = this.mediaPath(media.filename)
    this.use(url, media.source, media.mimeType)
    return url
  }

  /** An upload node: the image, a video player, or a link to the file (a PDF, a document). */
  private upload(relationTo: string, value: unknown): string {
    if (relationTo !== 'media') return ''
    const media = this.media(value)
    if (!media) return ''
    if (media.mimeType.startsWith('image/')) {
      const image = this.image(value)!
      const dims = image.width && image.height ? ` width="${image.width}" height="${image.height}"` : ''
      return `<img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.alt)}"${dims} loading="lazy" decoding="async">`
    }
    const url = escapeHtml(this.file(media))
    const link = `<a href="${url}">${escapeHtml(media.alt || media.filename)}</a>`
    if (media.mimeType.startsWith('video/')) return `<video src="${url}" controls preload="metadata">${link}</video>`
    return `<p>${link}</p>`
  }

  richText(value: unknown): SafeHtml {
    if (!value || typeof value !== 'object' || !('root' in (value as object))) return safe('')
    const html = richTextToHtml(value, {
      doc: (relationTo, id) => this.docLink(relationTo, id),
      upload: (relationTo, id) => this.upload(relationTo, id),
    })
    return safe(this.transformRichText(html))
  }
}
