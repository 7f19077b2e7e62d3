import type { Target } from './blocks'

/**
 * Used when neither the block nor the prompts collection names a prompt for
 * a block type. Admins override them by adding an active prompt for the
 * block type.
 */
const CONTEXT = `Website: {{ brand_name }} ({{ domain }}). Page: "{{ title }}"{% if h1 != blank and h1 != title %}, heading "{{ h1 }}"{% endif %}.
Write in {{ language }}.{% if keywords != blank %} Main keywords: {{ keywords }}.{% endif %}{% if lsi != blank %} Related phrases to weave in naturally: {{ lsi }}.{% endif %}`

export const DEFAULT_SYSTEM_PROMPT =
  'You write clear, accurate, engaging website copy. Never invent facts, prices or statistics. Follow the requested format exactly.'

export const DEFAULT_TEMPLATES: Record<Target, string> = {
  hero: `${CONTEXT}\nWrite the hero section at the top of this page: a strong heading, a supporting subheading and a button label.`,
  article: `${CONTEXT}\nWrite an informative article for this page, 500 to 900 words.`,
  textImage: `${CONTEXT}\nWrite a short text section that sits beside an image on this page.`,
  cta: `${CONTEXT}\nWrite a call to action that makes the reader take the next step.`,
  faq: `${CONTEXT}\nWrite the frequently asked questions a visitor of this page has, with helpful answers.`,
  swiper: `${CONTEXT}\nWrite the texts of a carousel of cards on this page.`,
  gallery: `${CONTEXT}\nWrite the heading and captions of an image gallery on this page.`,
  image: `A high-quality, photographic image for the page "{{ title }}" of {{ brand_name }}{% if keywords != blank %}, about {{ keywords }}{% endif %}. No text, no logos.`,
  metaTitle: `${CONTEXT}\nWrite the SEO meta title of this page.`,
  metaDescription: `${CONTEXT}\nWrite the SEO meta description of this page: what the reader gets, with the main keyword.`,
}

export const ALT_TEXT_PROMPT = (imagePrompt: string, language: string) =>
  `An image was generated from this description: "${imagePrompt}". Write its alt text for a website in ${language}: one sentence, at most 120 characters, describing what it shows. Answer with the alt text only.`
