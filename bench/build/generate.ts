/**
 * A deterministic synthetic site for the build benchmark: N pages shaped like
 * real ones (a hero, an article of about 600 words with h2/h3 headings, lists,
 * links, bold and italic, then four blocks drawn from image, textImage, cta and
 * faq), as a SiteSnapshot for Panel and as the equivalent Eleventy input
 * (markdown article, resolved block data in front matter).
 *
 * Seeded PRNG only: the same seed and size give the same bytes.
 */
import { element, textNode, type SerializedNode } from '../../scripts/demo/lexical'
import { pageUrl } from '../../plugins/site-builder/core/urls'
import type {
  SiteSnapshot,
  SnapshotBlock,
  SnapshotMedia,
  SnapshotPage,
  SnapshotTemplate,
} from '../../plugins/site-builder/core/types'
import { colorVariables, starterClassic } from '../../scripts/demo/templates'

// ---------------------------------------------------------------------------
// PRNG (mulberry32) and word material

export type Rng = { next: () => number; int: (min: number, max: number) => number; pick: <T>(items: readonly T[]) => T; chance: (p: number) => boolean }

export const createRng = (seed: number): Rng => {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
    chance: (p) => next() < p,
  }
}

const NOUNS = [
  'trail', 'tent', 'backpack', 'stove', 'map', 'compass', 'boot', 'jacket', 'summit', 'ridge', 'valley', 'river', 'campsite',
  'forest', 'lake', 'route', 'guide', 'weather', 'season', 'layer', 'filter', 'lantern', 'sleeping bag', 'pole', 'shelter',
  'permit', 'ranger', 'meadow', 'canyon', 'glacier', 'headlamp', 'cooler', 'hammock', 'kayak', 'paddle', 'rope', 'harness',
  'snack', 'budget', 'checklist', 'beginner', 'family', 'weekend', 'morning', 'sunrise', 'dataset', 'review', 'price', 'brand',
  'warranty', 'fabric', 'zipper', 'seam', 'buckle', 'strap', 'pocket', 'sole', 'grip', 'blister', 'sock', 'mileage', 'pace',
] as const
const ADJECTIVES = [
  'light', 'sturdy', 'waterproof', 'warm', 'compact', 'reliable', 'affordable', 'comfortable', 'quiet', 'rugged', 'simple',
  'clever', 'durable', 'breathable', 'versatile', 'cheap', 'premium', 'practical', 'steep', 'muddy', 'rocky', 'scenic', 'remote',
  'busy', 'early', 'late', 'honest', 'careful', 'popular', 'small', 'large', 'heavy', 'fast', 'slow', 'safe', 'windy', 'dry',
] as const
const VERBS = [
  'pack', 'choose', 'compare', 'carry', 'test', 'recommend', 'check', 'plan', 'prefer', 'avoid', 'repair', 'wear', 'store',
  'clean', 'measure', 'weigh', 'buy', 'rent', 'trust', 'pitch', 'filter', 'cook', 'climb', 'cross', 'follow', 'reach', 'start',
] as const
const FILLERS = ['the', 'a', 'your', 'every', 'our', 'this', 'that', 'each'] as const
const CONNECTORS = ['and', 'but', 'because', 'so', 'while', 'when', 'before', 'after', 'although', 'unless'] as const
const PREPOSITIONS = ['on', 'in', 'under', 'near', 'across', 'along', 'for', 'with', 'without', 'after'] as const

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

const phrase = (rng: Rng) => `${rng.pick(FILLERS)} ${rng.chance(0.6) ? `${rng.pick(ADJECTIVES)} ` : ''}${rng.pick(NOUNS)}`

/** One sentence of about `words` words, ending with a full stop. */
const sentence = (rng: Rng, words = rng.int(9, 20)): string => {
  const parts: string[] = [phrase(rng), rng.pick(VERBS)]
  let count = parts.join(' ').split(' ').length
  while (count < words) {
    const next = rng.chance(0.35) ? `${rng.pick(CONNECTORS)} ${phrase(rng)} ${rng.pick(VERBS)}s` : `${rng.pick(PREPOSITIONS)} ${phrase(rng)}`
    parts.push(next)
    count += next.split(' ').length
  }
  return `${cap(parts.join(' '))}.`
}

const title = (rng: Rng, words = rng.int(3, 6)): string => {
  const out: string[] = []
  while (out.length < words) out.push(rng.chance(0.4) ? rng.pick(ADJECTIVES) : rng.pick(NOUNS))
  return cap(out.join(' '))
}

const wordCount = (s: string) => (s.trim() ? s.trim().split(/\s+/).length : 0)

// ---------------------------------------------------------------------------
// An article as a tiny neutral tree, printed as Lexical JSON and as markdown

type LinkTarget = { kind: 'page'; id: number; slug: string } | { kind: 'url'; url: string; newTab: boolean }
type Inline = { text: string; format?: 0 | 1 | 2; link?: LinkTarget }
type Node =
  | { type: 'h2' | 'h3'; text: string }
  | { type: 'p'; parts: Inline[] }
  | { type: 'ul' | 'ol'; items: Inline[][] }

const EXTERNAL = ['https://www.nps.gov/', 'https://www.weather.gov/', 'https://en.wikipedia.org/wiki/Hiking', 'https://www.rei.com/learn', 'https://www.lnt.org/']

/** A paragraph of `sentences` sentences; some runs are bold, italic or a link. */
const paragraph = (rng: Rng, sentences: number, linkTo: () => LinkTarget): Inline[] => {
  const parts: Inline[] = []
  for (let i = 0; i < sentences; i++) {
    const s = sentence(rng)
    const roll = rng.next()
    if (roll < 0.18) {
      // "... <link text> ..." inside the sentence
      const words = s.split(' ')
      const at = Math.max(1, Math.min(words.length - 3, rng.int(1, words.length - 3)))
      parts.push({ text: `${words.slice(0, at).join(' ')} ` })
      parts.push({ text: words.slice(at, at + 2).join(' '), link: linkTo() })
      parts.push({ text: ` ${words.slice(at + 2).join(' ')} ` })
    } else if (roll < 0.3) {
      parts.push({ text: `${s} `, format: 1 })
    } else if (roll < 0.38) {
      parts.push({ text: `${s} `, format: 2 })
    } else {
      parts.push({ text: `${s} ` })
    }
  }
  const last = parts[parts.length - 1]
  last.text = last.text.trimEnd()
  return parts
}

const listItems = (rng: Rng, count: number, linkTo: () => LinkTarget): Inline[][] =>
  Array.from({ length: count }, () => {
    const text = sentence(rng, rng.int(6, 11)).replace(/\.$/, '')
    if (rng.chance(0.25)) {
      const [first, ...rest] = text.split(' ')
      return [{ text: first, format: 1 as const }, { text: ` ${rest.join(' ')}` }]
    }
    if (rng.chance(0.15)) return [{ text: `${text} ` }, { text: 'read more', link: linkTo() }]
    return [{ text }]
  })

const inlineWords = (parts: Inline[]) => parts.reduce((n, p) => n + wordCount(p.text), 0)
const nodeWords = (node: Node): number => {
  if ('parts' in node) return inlineWords(node.parts)
  if ('items' in node) return node.items.reduce((n, i) => n + inlineWords(i), 0)
  return wordCount(node.text)
}

/** About `target` words: an intro, then h2 sections with paragraphs, lists and h3 subsections. */
const articleTree = (rng: Rng, target: number, linkTo: () => LinkTarget): Node[] => {
  const nodes: Node[] = [{ type: 'p', parts: paragraph(rng, 3, linkTo) }]
  let words = nodeWords(nodes[0])
  const push = (node: Node) => {
    nodes.push(node)
    words += nodeWords(node)
  }
  let section = 0
  while (words < target) {
    push({ type: section % 2 === 0 ? 'h2' : 'h3', text: title(rng) })
    push({ type: 'p', parts: paragraph(rng, rng.int(2, 4), linkTo) })
    if (words >= target) break
    if (section % 3 === 0) push({ type: 'ul', items: listItems(rng, rng.int(3, 5), linkTo) })
    else if (section % 3 === 1) push({ type: 'ol', items: listItems(rng, rng.int(3, 5), linkTo) })
    else push({ type: 'p', parts: paragraph(rng, 2, linkTo) })
    section++
  }
  return nodes
}

// Lexical's serialized JSON, built with the demo's helpers (scripts/demo/lexical.ts)
type LexNode = SerializedNode
const lexElement = element
const lexText = textNode
const lexInline = (part: Inline): LexNode => {
  const text = lexText(part.text, part.format ?? 0)
  if (!part.link) return text
  const fields =
    part.link.kind === 'page'
      ? { linkType: 'internal', newTab: false, doc: { relationTo: 'pages', value: part.link.id } }
      : { linkType: 'custom', newTab: part.link.newTab, url: part.link.url }
  return { ...lexElement('link', [text], { fields }), version: 3 }
}

export const toLexical = (nodes: Node[]) => ({
  root: {
    type: 'root',
    version: 1,
    direction: 'ltr',
    format: '',
    indent: 0,
    children: nodes.map((node): LexNode => {
      switch (node.type) {
        case 'h2':
        case 'h3':
          return lexElement('heading', [lexText(node.text)], { tag: node.type })
        case 'p':
          return lexElement('paragraph', node.parts.map(lexInline), { textFormat: 0, textStyle: '' })
        case 'ul':
        case 'ol':
          return lexElement(
            'list',
            node.items.map((item, i) => lexElement('listitem', item.map(lexInline), { value: i + 1 })),
            { listType: node.type === 'ul' ? 'bullet' : 'number', start: 1, tag: node.type },
          )
      }
    }),
  },
})

const mdInline = (part: Inline): string => {
  const text = part.format === 1 ? `**${part.text.trim()}**${part.text.endsWith(' ') ? ' ' : ''}` : part.format === 2 ? `*${part.text.trim()}*${part.text.endsWith(' ') ? ' ' : ''}` : part.text
  if (!part.link) return text
  return `[${text}](${part.link.kind === 'page' ? pageUrl(part.link.slug, 'directory') : part.link.url})`
}

export const toMarkdown = (nodes: Node[]): string =>
  nodes
    .map((node) => {
      switch (node.type) {
        case 'h2':
          return `## ${node.text}`
        case 'h3':
          return `### ${node.text}`
        case 'p':
          return node.parts.map(mdInline).join('')
        case 'ul':
          return node.items.map((item) => `- ${item.map(mdInline).join('')}`).join('\n')
        case 'ol':
          return node.items.map((item, i) => `${i + 1}. ${item.map(mdInline).join('')}`).join('\n')
      }
    })
    .join('\n\n') + '\n'

// ---------------------------------------------------------------------------
// The snapshot

export const TAKEN_AT = '2025-06-01T12:00:00.000Z'
const MEDIA_COUNT = 24
const AFFILIATES = 6
const MENU_PAGES = 8
export const EXTRA_BLOCK_TYPES = ['image', 'textImage', 'cta', 'faq'] as const

const media = (): Record<string, SnapshotMedia> => {
  const out: Record<string, SnapshotMedia> = {}
  for (let id = 1; id <= MEDIA_COUNT; id++) {
    const base = `photo-${String(id).padStart(2, '0')}`
    out[String(id)] = {
      id,
      filename: `${base}.jpg`,
      mimeType: 'image/jpeg',
      filesize: 380_000 + id * 1000,
      width: 1600,
      height: 1067,
      alt: `Photo ${id}: a trail view`,
      caption: null,
      source: `/bench/media/${base}.jpg`,
      sizes: [
        { name: 'thumbnail', filename: `${base}-400x267.webp`, width: 400, height: 267, mimeType: 'image/webp', source: `/bench/media/${base}-400x267.webp` },
        { name: 'card', filename: `${base}-768x512.webp`, width: 768, height: 512, mimeType: 'image/webp', source: `/bench/media/${base}-768x512.webp` },
        { name: 'tablet', filename: `${base}-1024x683.webp`, width: 1024, height: 683, mimeType: 'image/webp', source: `/bench/media/${base}-1024x683.webp` },
      ],
      updatedAt: TAKEN_AT,
    }
  }
  return out
}

export const benchTemplate = (): SnapshotTemplate => ({
  id: 1,
  name: starterClassic.name,
  type: 'monolithic',
  html: starterClassic.html,
  css: starterClassic.css,
  js: starterClassic.js,
  menuHtml: starterClassic.menuHtml,
  footerMenuHtml: starterClassic.footerMenuHtml,
  faqHtml: starterClassic.faqHtml,
  cssOutput: starterClassic.cssOutput,
  jsOutput: starterClassic.jsOutput,
  colorVariables: { ...colorVariables },
  variables: starterClassic.variables.map((v) => ({ ...v, defaultValue: v.defaultValue ?? null, description: v.description ?? null })),
  sections: [],
  blockTemplates: [],
  availableBlocks: [],
  preservedClasses: [],
  assets: [],
})

/** The snapshot, plus the neutral trees of each page's article and of each textImage text (by block id) for the markdown twin. */
export type GeneratedSite = { snapshot: SiteSnapshot; articles: Node[][]; texts: Map<string, Node[]> }

export const generateSite = (pageCount: number, seed = 2025): GeneratedSite => {
  const rng = createRng(seed)
  const slugs: string[] = []
  const used = new Set<string>()
  for (let i = 0; i < pageCount; i++) {
    if (i === 0) {
      slugs.push('index')
      continue
    }
    let slug = title(rng, rng.int(2, 4)).toLowerCase().replace(/[^a-z0-9]+/g, '-')
    if (used.has(slug)) slug = `${slug}-${i}`
    used.add(slug)
    slugs.push(slug)
  }
  const linkTo = (): LinkTarget => {
    if (rng.chance(0.6)) {
      const index = rng.int(0, pageCount - 1)
      return { kind: 'page', id: index + 1, slug: slugs[index] }
    }
    return { kind: 'url', url: rng.pick(EXTERNAL), newTab: rng.chance(0.5) }
  }
  const mediaId = () => rng.int(1, MEDIA_COUNT)
  const blockId = () => Math.floor(rng.next() * 2 ** 48).toString(16).padStart(12, '0')
  const articles: Node[][] = []
  const texts = new Map<string, Node[]>()
  const pages: SnapshotPage[] = []
  const base = Date.parse(TAKEN_AT)

  for (let i = 0; i < pageCount; i++) {
    const pageTitle = i === 0 ? 'Trailhead Bench' : title(rng)
    const article = articleTree(rng, 560, linkTo)
    articles.push(article)
    const blocks: SnapshotBlock[] = [
      {
        blockType: 'hero',
        id: blockId(),
        heading: title(rng, rng.int(4, 8)),
        subheading: sentence(rng),
        image: mediaId(),
        buttonText: 'Read the guide',
        variant: rng.pick(['centered', 'split', 'background']),
        button: { type: 'page', page: rng.int(1, pageCount), newTab: false },
      },
      { blockType: 'article', id: blockId(), heading: title(rng), content: toLexical(article) },
    ]
    let faqs = 0
    for (let b = 0; b < 4; b++) {
      // drawn with replacement, but one FAQ at most (a page has one FAQPage)
      let type = rng.pick(EXTRA_BLOCK_TYPES)
      while (type === 'faq' && faqs > 0) type = rng.pick(EXTRA_BLOCK_TYPES)
      if (type === 'faq') faqs++
      switch (type) {
        case 'image':
          blocks.push({
            blockType: 'image',
            id: blockId(),
            image: mediaId(),
            caption: rng.chance(0.7) ? sentence(rng, 8) : null,
            size: rng.pick(['content', 'wide', 'full']),
            link: rng.chance(0.3) ? { type: 'url', url: rng.pick(EXTERNAL), newTab: true } : null,
          })
          break
        case 'textImage': {
          const id = blockId()
          const tree: Node[] = [{ type: 'p', parts: paragraph(rng, 3, linkTo) }, { type: 'p', parts: paragraph(rng, 2, linkTo) }]
          texts.set(id, tree) // the markdown twin needs the same text
          blocks.push({
            blockType: 'textImage',
            id,
            heading: title(rng),
            text: toLexical(tree),
            image: mediaId(),
            imagePosition: rng.chance(0.5) ? 'left' : 'right',
          })
          break
        }
        case 'cta':
          blocks.push({
            blockType: 'cta',
            id: blockId(),
            heading: title(rng),
            text: sentence(rng),
            buttonText: rng.pick(['Check the price', 'See the deal', 'Get yours', 'Compare models']),
            button: rng.chance(0.5) ? { type: 'affiliate', affiliateLink: rng.int(1, AFFILIATES), newTab: false } : { type: 'url', url: rng.pick(EXTERNAL), newTab: true },
            style: rng.pick(['primary', 'secondary', 'banner']),
          })
          break
        case 'faq':
          blocks.push({
            blockType: 'faq',
            id: blockId(),
            heading: 'Frequently asked questions',
            items: Array.from({ length: 5 }, () => ({
              id: blockId(),
              question: `${sentence(rng, rng.int(6, 10)).replace(/\.$/, '')}?`,
              answer: `${sentence(rng)} ${sentence(rng)}`,
            })),
          })
          break
      }
    }
    pages.push({
      id: i + 1,
      title: pageTitle,
      slug: slugs[i],
      h1: i === 0 ? 'Honest gear reviews for the trail' : rng.chance(0.5) ? title(rng, rng.int(5, 9)) : null,
      meta: { title: null, description: sentence(rng, 22), image: rng.chance(0.5) ? mediaId() : null },
      canonicalUrl: null,
      customHeadHtml: null,
      keywords: `${rng.pick(NOUNS)}, ${rng.pick(NOUNS)}, ${rng.pick(ADJECTIVES)} ${rng.pick(NOUNS)}`,
      lsiPhrases: null,
      order: i,
      showInMenu: i < MENU_PAGES,
      menuLabel: null,
      blocks,
      updatedAt: new Date(base - i * 3_600_000).toISOString(),
    })
  }

  const snapshot: SiteSnapshot = {
    takenAt: TAKEN_AT,
    site: {
      id: 1,
      domain: 'bench.example',
      brandName: 'Trailhead Bench',
      language: 'en',
      urlStyle: 'directory',
      useWww: false,
      allowIndexing: true,
      redirect404ToHome: false,
      enablePageSpeed: false,
      uniqueClassPrefix: 'tb',
      templateVariables: { tagline: 'Honest reviews and guides for the trail.' },
      customColors: {},
      analyticsEnabled: false,
      logo: 1,
      favicon: 2,
    },
    template: benchTemplate(),
    footprint: null,
    pages,
    media: media(),
    presets: {},
    affiliateLinks: Object.fromEntries(
      Array.from({ length: AFFILIATES }, (_, k) => [
        String(k + 1),
        { id: k + 1, name: `Shop ${k + 1}`, code: `shop-${k + 1}`, url: `https://shop${k + 1}.example/?ref=bench`, active: true },
      ]),
    ),
    analytics: null,
  }
  return { snapshot, articles, texts }
}
