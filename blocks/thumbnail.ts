/**
 * The picture a block has in the Add Block picker: public/block-thumbnails/<slug>.svg, a drawing of what the block
 * renders with its one-line description under it. Payload's picker shows a block's label and this picture only, so
 * the line is in the picture, and its alt text says the same for screen readers. Served by the app itself (Next
 * serves public/; the standalone tree copies it), never from another host.
 */
export const blockThumbnail = (slug: string, description: string) => ({
  images: { thumbnail: { url: `/block-thumbnails/${slug}.svg`, alt: description } },
})
