import fs from 'node:fs'
import path from 'node:path'

import { BLOCK_TYPES, type BlockType } from './core/blocks'

/** blocks/<Folder>/<file>.liquid for each block type (the folder is the block's PascalCase name). */
const PARTIAL_FILES: Record<BlockType, string> = {
  hero: 'Hero/hero.liquid',
  article: 'Article/article.liquid',
  image: 'Image/image.liquid',
  textImage: 'TextImage/textImage.liquid',
  cta: 'Cta/cta.liquid',
  faq: 'Faq/faq.liquid',
  swiper: 'Swiper/swiper.liquid',
  gallery: 'Gallery/gallery.liquid',
}

const loaded = new Map<string, Record<BlockType, string>>()

/**
 * The default block partials, read once per process (per root). Glue, not
 * core: core/ takes partials as strings and never touches the file system.
 */
export const loadDefaultPartials = (root: string = process.cwd()): Record<BlockType, string> => {
  const dir = path.resolve(root, 'blocks')
  const cached = loaded.get(dir)
  if (cached) return cached
  const partials = Object.freeze(
    Object.fromEntries(BLOCK_TYPES.map((type) => [type, fs.readFileSync(path.join(dir, PARTIAL_FILES[type]), 'utf8')])),
  ) as Record<BlockType, string>
  loaded.set(dir, partials)
  return partials
}
