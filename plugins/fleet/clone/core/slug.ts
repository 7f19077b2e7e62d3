/**
 * The slug a duplicated page gets: `<slug>-copy`, then `<slug>-copy-2`, `-copy-3`… — the first one not taken.
 * A copy of a copy starts again from the original's slug (`about-copy` → `about-copy-2`, not `about-copy-copy`).
 */
const COPY = /-copy(?:-\d+)?$/

export const copySlugBase = (slug: string): string => `${slug.replace(COPY, '')}-copy`

/** The candidates in order, `count` of them starting at the n-th. */
export const copySlugCandidates = (slug: string, from = 1, count = 20): string[] => {
  const base = copySlugBase(slug)
  return Array.from({ length: count }, (_, i) => (from + i === 1 ? base : `${base}-${from + i}`))
}

/** The first free candidate given the slugs taken. */
export const freeCopySlug = (slug: string, taken: ReadonlySet<string>): string => {
  for (let from = 1; ; from += 20) {
    const free = copySlugCandidates(slug, from).find((candidate) => !taken.has(candidate))
    if (free) return free
  }
}
