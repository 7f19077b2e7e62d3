import type { Resolver } from './resolve'
import type { SiteSnapshot, SnapshotBlock, SnapshotLink, SnapshotSwiperItem } from './types'

export const BLOCK_TYPES = ['hero', 'article', 'image', 'textImage', 'cta', 'faq', 'swiper', 'gallery'] as const
export type BlockType = (typeof BLOCK_TYPES)[number]

export const partialName = (blockType: string): string => `block-${blockType}`

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)
const asLink = (value: unknown) => (value && typeof value === 'object' ? (value as SnapshotLink) : null)
const rows = <T>(value: unknown): T[] => (Array.isArray(value) ? (value as T[]) : [])

/** What one block's partial sees: its fields with relationships resolved (see README). */
export const blockView = (
  block: SnapshotBlock,
  resolver: Resolver,
  snapshot: SiteSnapshot,
): Record<string, unknown> | null => {
  switch (block.blockType) {
    case 'hero':
      return {
        heading: str(block.heading),
        subheading: str(block.subheading),
        image: resolver.image(block.image),
        button_text: str(block.buttonText),
        link: resolver.link(asLink(block.button)),
        variant: str(block.variant) ?? 'centered',
      }
    case 'article':
      return { heading: str(block.heading), content: resolver.richText(block.content) }
    case 'image':
      return {
        image: resolver.image(block.image),
        caption: str(block.caption),
        size: str(block.size) ?? 'content',
        link: resolver.link(asLink(block.link)),
      }
    case 'textImage':
      return {
        heading: str(block.heading),
        text: resolver.richText(block.text),
        image: resolver.image(block.image),
        image_position: block.imagePosition === 'left' ? 'left' : 'right',
      }
    case 'cta':
      return {
        heading: str(block.heading),
        text: str(block.text),
        button_text: str(block.buttonText),
        link: resolver.link(asLink(block.button)),
        style: str(block.style) ?? 'primary',
      }
    case 'faq':
      return {
        heading: str(block.heading),
        items: rows<{ question?: string; answer?: string }>(block.items)
          .filter((item) => item.question && item.answer)
          .map((item) => ({ question: item.question, answer: item.answer })),
      }
    case 'swiper': {
      const preset = block.source === 'inline' ? null : snapshot.presets[String(block.preset)]
      if (preset) resolver.deps.add(`presets:${String(block.preset)}`)
      const items = block.source === 'inline' ? rows<SnapshotSwiperItem>(block.items) : (preset?.items ?? [])
      return {
        heading: str(block.heading),
        items: items.map((item) => resolver.swiperItem(item)),
        button_text: str(block.buttonText) ?? preset?.buttonText ?? null,
      }
    }
    case 'gallery':
      return {
        heading: str(block.heading),
        images: rows<{ image?: unknown; caption?: string }>(block.images)
          .map((row) => ({ image: resolver.image(row.image), caption: str(row.caption) }))
          .filter((row) => row.image !== null),
        columns: typeof block.columns === 'number' ? Math.min(6, Math.max(1, block.columns)) : 3,
      }
    default:
      return null
  }
}

/** FAQ pairs of a page, for FAQPage JSON-LD. */
export const faqPairs = (blocks: SnapshotBlock[]): { question: string; answer: string }[] =>
  blocks
    .filter((b) => b.blockType === 'faq')
    .flatMap((b) => rows<{ question?: string; answer?: string }>(b.items))
    .filter((item): item is { question: string; answer: string } => Boolean(item.question && item.answer))
