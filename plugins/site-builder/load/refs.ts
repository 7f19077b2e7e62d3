import type { ID } from '../core/types'

/** A relationship value at depth 0 is an id; populated or posted by the admin it may be `{ id }`. */
export const refId = (value: unknown): ID | null => {
  if (typeof value === 'number' || (typeof value === 'string' && value !== '')) return value
  if (value && typeof value === 'object' && 'id' in value) return refId((value as { id: unknown }).id)
  return null
}

/**
 * What a set of blocks points at, found in one walk: media (any field named
 * `image` — the project's name for upload fields in blocks, gallery rows and
 * swiper items — and upload nodes in rich text) and swiper presets.
 */
export const collectBlockRefs = (blocks: unknown, into: { media: Set<string>; presets: Set<string> }): void => {
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) walk(item)
      return
    }
    if (!value || typeof value !== 'object') return
    const node = value as Record<string, unknown>
    // a Lexical upload node: { type: 'upload', relationTo: 'media', value: id }
    if (node.type === 'upload' && node.relationTo === 'media') {
      const id = refId(node.value)
      if (id !== null) into.media.add(String(id))
      return
    }
    if (node.blockType === 'swiper' && node.source !== 'inline') {
      const id = refId(node.preset)
      if (id !== null) into.presets.add(String(id))
    }
    for (const [key, child] of Object.entries(node)) {
      if (key === 'image') {
        const id = refId(child)
        if (id !== null) into.media.add(String(id))
        else walk(child)
      } else if (key !== 'preset' && child && typeof child === 'object') {
        walk(child)
      }
    }
  }
  walk(blocks)
}
