import { AiError, type JsonSchema } from './types'

/**
 * What the model is asked to return for each block type and how its answer
 * becomes field values of that block. Structured blocks get a JSON schema
 * (both providers enforce it), long text is markdown (turned into Lexical
 * rich text outside core), SEO fields are plain text.
 */

export const TEXT_TARGETS = ['hero', 'article', 'textImage', 'cta', 'faq', 'swiper', 'gallery', 'metaTitle', 'metaDescription'] as const
export const TARGETS = [...TEXT_TARGETS, 'image'] as const
export type Target = (typeof TARGETS)[number]

export const isTarget = (value: unknown): value is Target => typeof value === 'string' && (TARGETS as readonly string[]).includes(value)

export type OutputSpec =
  | { kind: 'json'; schema: { name: string; schema: JsonSchema }; instructions: string }
  | { kind: 'markdown'; instructions: string }
  | { kind: 'text'; instructions: string; maxLength: number }
  | { kind: 'image' }

export type BlockData = Record<string, unknown>

/** Field values for the block (or for the SEO group), plus markdown that must become rich text in `richText.field`. */
export type Fitted = { fields: Record<string, unknown>; richText?: { field: string; markdown: string } }

const str = (description: string): JsonSchema => ({ type: 'string', description })
const object = (properties: Record<string, JsonSchema>): JsonSchema => ({
  type: 'object',
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
})
const list = (items: JsonSchema, count: { min: number; max: number }): JsonSchema => ({ type: 'array', items, minItems: count.min, maxItems: count.max })

const inlineSwiperItems = (block: BlockData): BlockData[] | null =>
  block.source === 'inline' && Array.isArray(block.items) ? (block.items as BlockData[]) : null

const galleryImages = (block: BlockData): BlockData[] => (Array.isArray(block.images) ? (block.images as BlockData[]) : [])

export const META_TITLE_MAX = 60
export const META_DESCRIPTION_MAX = 160

export const outputSpec = (target: Target, block: BlockData = {}): OutputSpec => {
  switch (target) {
    case 'hero':
      return {
        kind: 'json',
        schema: {
          name: 'hero',
          schema: object({
            heading: str('The hero heading, at most 80 characters'),
            subheading: str('One or two sentences under the heading, at most 300 characters'),
            buttonText: str('The call-to-action button label, at most 30 characters'),
          }),
        },
        instructions: 'Answer with JSON: heading, subheading, buttonText.',
      }
    case 'cta':
      return {
        kind: 'json',
        schema: {
          name: 'call_to_action',
          schema: object({
            heading: str('A short, persuasive heading, at most 80 characters'),
            text: str('One to three sentences, at most 500 characters'),
            buttonText: str('The button label, at most 30 characters'),
          }),
        },
        instructions: 'Answer with JSON: heading, text, buttonText.',
      }
    case 'faq':
      return {
        kind: 'json',
        schema: {
          name: 'faq',
          schema: object({
            heading: str('The heading above the questions'),
            items: list(object({ question: str('A question a reader would ask'), answer: str('A helpful answer, at most 600 characters') }), { min: 3, max: 10 }),
          }),
        },
        instructions: 'Answer with JSON: heading and items, a list of 3 to 10 {question, answer} pairs.',
      }
    case 'swiper': {
      const items = inlineSwiperItems(block)
      const count = items?.length ? items.length : 3
      const properties: Record<string, JsonSchema> = {
        heading: str('The heading above the carousel'),
        buttonText: str('The label of every card button, at most 30 characters'),
      }
      if (items) {
        properties.items = list(
          object({ title: str('Card title, at most 60 characters'), description: str('One or two sentences, at most 250 characters'), badge: str('A 1-3 word badge, or empty') }),
          { min: count, max: count },
        )
      }
      return {
        kind: 'json',
        schema: { name: 'swiper', schema: object(properties) },
        instructions: items
          ? `Answer with JSON: heading, buttonText and exactly ${count} items {title, description, badge}${items.length ? ', in the order of the existing cards: ' + items.map((item, i) => `${i + 1}. ${String(item.title ?? '')}`).join('; ') : ''}.`
          : 'Answer with JSON: heading and buttonText.',
      }
    }
    case 'gallery': {
      const images = galleryImages(block)
      if (images.length === 0) throw new AiError('unsupported', 'Add images to the gallery first: the AI writes its heading and captions.')
      return {
        kind: 'json',
        schema: {
          name: 'gallery',
          schema: object({
            heading: str('The gallery heading'),
            captions: list(str('A caption, at most 120 characters'), { min: images.length, max: images.length }),
          }),
        },
        instructions: `Answer with JSON: heading and exactly ${images.length} captions, one per image in order.`,
      }
    }
    case 'article':
      return {
        kind: 'markdown',
        instructions:
          'Answer in Markdown. Start with one "# " line: the article heading. Then the article: "##" sections, lists, **bold**, *italic*, [links](https://…) and tables where they help.',
      }
    case 'textImage':
      return {
        kind: 'markdown',
        instructions: 'Answer in Markdown. Start with one "# " line: the heading. Then one to three short paragraphs; lists and emphasis are fine.',
      }
    case 'metaTitle':
      return { kind: 'text', maxLength: META_TITLE_MAX, instructions: `Answer with the meta title only: plain text, at most ${META_TITLE_MAX} characters, no quotes.` }
    case 'metaDescription':
      return {
        kind: 'text',
        maxLength: META_DESCRIPTION_MAX,
        instructions: `Answer with the meta description only: plain text, 120 to ${META_DESCRIPTION_MAX} characters, no quotes.`,
      }
    case 'image':
      return { kind: 'image' }
  }
}

/** Cuts at a word boundary so a field's maxLength is never exceeded. */
export const clip = (value: unknown, max: number): string => {
  const text = String(value ?? '').replace(/\s+/g, ' ').trim()
  if (text.length <= max) return text
  const cut = text.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return (space >= max * 0.5 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')
}

const stripFences = (text: string): string => {
  const fenced = /^\s*```(?:json|markdown|md)?\s*\n([\s\S]*?)\n?```\s*$/i.exec(text)
  return fenced ? fenced[1] : text
}

export const parseJson = (text: string, target: Target): Record<string, unknown> => {
  try {
    const value = JSON.parse(stripFences(text).trim())
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>
  } catch {
    // fall through
  }
  throw new AiError('bad_output', `The model's answer for the ${target} block was not the JSON asked for. Regenerate, or use a model that supports structured output.`, {
    detail: text.slice(0, 500),
  })
}

const requireString = (data: Record<string, unknown>, key: string, target: Target): string => {
  const value = data[key]
  if (typeof value !== 'string' || !value.trim()) {
    throw new AiError('bad_output', `The model's answer for the ${target} block has no "${key}". Regenerate.`)
  }
  return value
}

/** Splits a leading "# Heading" line off markdown. */
export const splitHeading = (markdown: string): { heading: string | null; body: string } => {
  const text = stripFences(markdown).replace(/^\uFEFF/, '').trimStart()
  const match = /^#\s+(.+?)\s*#*\s*(?:\n|$)/.exec(text)
  if (!match) return { heading: null, body: text.trim() }
  return { heading: match[1].trim(), body: text.slice(match[0].length).trim() }
}

export const fitOutput = ({ target, text, block = {} }: { target: Target; text: string; block?: BlockData }): Fitted => {
  switch (target) {
    case 'hero': {
      const data = parseJson(text, target)
      return {
        fields: {
          heading: clip(requireString(data, 'heading', target), 200),
          subheading: clip(data.subheading, 600),
          buttonText: clip(data.buttonText, 80),
        },
      }
    }
    case 'cta': {
      const data = parseJson(text, target)
      return {
        fields: {
          heading: clip(requireString(data, 'heading', target), 200),
          text: clip(data.text, 1000),
          buttonText: clip(requireString(data, 'buttonText', target), 80),
        },
      }
    }
    case 'faq': {
      const data = parseJson(text, target)
      const items = (Array.isArray(data.items) ? data.items : [])
        .filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object')
        .map((item) => ({ question: clip(item.question, 300), answer: String(item.answer ?? '').trim().slice(0, 4000) }))
        .filter((item) => item.question && item.answer)
        .slice(0, 50)
      if (items.length === 0) throw new AiError('bad_output', 'The model answered the FAQ block without any question and answer. Regenerate.')
      return { fields: { heading: clip(data.heading, 200) || 'Frequently asked questions', items } }
    }
    case 'swiper': {
      const data = parseJson(text, target)
      const fields: Record<string, unknown> = { heading: clip(data.heading, 200), buttonText: clip(data.buttonText, 80) }
      const existing = inlineSwiperItems(block)
      if (existing) {
        const written = (Array.isArray(data.items) ? data.items : []) as Record<string, unknown>[]
        const base: BlockData[] = existing.length ? existing : written.map(() => ({}))
        fields.items = base.map((item, i) => {
          const next = written[i] ?? {}
          return {
            ...item,
            title: clip(next.title, 200) || String(item.title ?? ''),
            description: clip(next.description, 500) || (item.description ?? null),
            badge: clip(next.badge, 40) || (item.badge ?? null),
          }
        })
      }
      return { fields }
    }
    case 'gallery': {
      const data = parseJson(text, target)
      const captions = Array.isArray(data.captions) ? data.captions : []
      return {
        fields: {
          heading: clip(data.heading, 200),
          images: galleryImages(block).map((image, i) => ({ ...image, caption: clip(captions[i], 300) || (image.caption ?? null) })),
        },
      }
    }
    case 'article':
    case 'textImage': {
      const { heading, body } = splitHeading(text)
      if (!body) throw new AiError('bad_output', `The model's answer for the ${target} block is empty. Regenerate.`)
      return {
        fields: heading ? { heading: clip(heading, 200) } : {},
        richText: { field: target === 'article' ? 'content' : 'text', markdown: body },
      }
    }
    case 'metaTitle':
    case 'metaDescription': {
      const plain = stripFences(text).replace(/^["'«“]+|["'»”]+$/g, '').replace(/^(meta )?(title|description):\s*/i, '')
      const value = clip(plain, target === 'metaTitle' ? META_TITLE_MAX : META_DESCRIPTION_MAX)
      if (!value) throw new AiError('bad_output', 'The model returned empty text. Regenerate.')
      return { fields: { [target === 'metaTitle' ? 'title' : 'description']: value } }
    }
    case 'image':
      throw new AiError('unsupported', 'Images are generated, not fitted from text.')
  }
}

/** True when the block already has what the AI would write, so bulk runs leave it alone unless forced. */
export const hasContent = (target: Target, block: BlockData): boolean => {
  const filled = (value: unknown) => (typeof value === 'string' ? value.trim().length > 0 : value !== null && value !== undefined)
  const richFilled = (value: unknown) => {
    const children = (value as { root?: { children?: { children?: unknown[]; type?: string }[] } } | null)?.root?.children ?? []
    return children.some((child) => child.type !== 'paragraph' || (child.children?.length ?? 0) > 0)
  }
  switch (target) {
    case 'hero':
    case 'cta':
      return filled(block.heading)
    case 'article':
      return richFilled(block.content)
    case 'textImage':
      return richFilled(block.text)
    case 'faq':
      // a new block's empty first question is not content
      return Array.isArray(block.items) && block.items.some((item) => filled((item as { question?: unknown } | null)?.question))
    case 'swiper':
      return filled(block.heading)
    case 'gallery':
      return galleryImages(block).every((image) => filled(image.caption))
    case 'image':
      return filled(block.image)
    default:
      return false
  }
}
