import type { Block } from 'payload'

import { ArticleBlock } from './Article/config'
import { CtaBlock } from './Cta/config'
import { FaqBlock } from './Faq/config'
import { GalleryBlock } from './Gallery/config'
import { HeroBlock } from './Hero/config'
import { ImageBlock } from './Image/config'
import { SwiperBlock } from './Swiper/config'
import { TextImageBlock } from './TextImage/config'

/** The registry: adding a block type is one folder and one line here. */
export const pageBlocks: Block[] = [
  HeroBlock,
  ArticleBlock,
  ImageBlock,
  TextImageBlock,
  CtaBlock,
  FaqBlock,
  SwiperBlock,
  GalleryBlock,
]

export const blockTypes = pageBlocks.map((block) => block.slug)

export const blockTypeOptions = pageBlocks.map((block) => ({
  label: typeof block.labels?.singular === 'string' ? block.labels.singular : block.slug,
  value: block.slug,
}))
