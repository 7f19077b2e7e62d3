/**
 * Site tags: short labels an admin or editor puts on sites to group them ("client-a", "casino", "wave 3").
 * Stored as written in the list after normalising, so `where[tags][equals]=client-a` finds every spelling
 * an editor might type ("Client-A ", "client-a"). Pure: no Payload.
 */

export const MAX_TAGS = 20
export const MAX_TAG_LENGTH = 40
const TAG = /^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u

/** Lower case, trimmed, inner runs of spaces collapsed. */
export const normalizeTag = (raw: string): string => raw.trim().replace(/\s+/g, ' ').toLowerCase()

/** What is wrong with one tag, or null. */
export const tagProblem = (tag: string): string | null => {
  if (!tag) return 'A tag cannot be empty.'
  if (tag.length > MAX_TAG_LENGTH) return `Tag "${tag.slice(0, MAX_TAG_LENGTH)}…" is longer than ${MAX_TAG_LENGTH} characters.`
  if (!TAG.test(tag)) return `Tag "${tag}" may hold only letters, digits, spaces, ".", "_" and "-", and must start with a letter or digit.`
  return null
}

/** Normalised, without duplicates, in first-seen order. */
export const normalizeTags = (raw: readonly unknown[]): string[] => {
  const out: string[] = []
  for (const value of raw) {
    if (typeof value !== 'string') continue
    const tag = normalizeTag(value)
    if (tag && !out.includes(tag)) out.push(tag)
  }
  return out
}

/** The first problem of a whole list (each tag, then the count), or null. */
export const tagsProblem = (tags: readonly string[]): string | null => {
  for (const tag of tags) {
    const problem = tagProblem(tag)
    if (problem) return problem
  }
  return tags.length > MAX_TAGS ? `A site has at most ${MAX_TAGS} tags (got ${tags.length}).` : null
}

/** A site's tags after adding `add` and removing `remove` (removal wins when a tag is in both). */
export const applyTagChange = (current: readonly string[], { add = [], remove = [] }: { add?: readonly string[]; remove?: readonly string[] }): string[] => {
  const removed = new Set(remove)
  return normalizeTags([...current, ...add]).filter((tag) => !removed.has(tag))
}
