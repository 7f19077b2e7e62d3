/** The pure parts of Clone: the request's checks, and the slug a duplicated page gets. */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { parseCloneRequest } from '@/plugins/fleet/clone/core/request'
import { copySlugBase, freeCopySlug } from '@/plugins/fleet/clone/core/slug'

const slugPart = fc.stringMatching(/^[a-z0-9]{1,8}$/)
const slug = fc.array(slugPart, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('-'))

describe('freeCopySlug', () => {
  it('is never taken, is the original\'s "-copy" family, and is the first free one of it', () => {
    fc.assert(
      fc.property(slug, fc.array(fc.nat({ max: 45 }), { maxLength: 40 }), (original, takenNumbers) => {
        const base = copySlugBase(original)
        const taken = new Set(takenNumbers.map((n) => (n <= 1 ? base : `${base}-${n}`)))
        const free = freeCopySlug(original, taken)
        expect(taken.has(free)).toBe(false)
        expect(free === base || free.startsWith(`${base}-`)).toBe(true)
        const n = free === base ? 1 : Number(free.slice(base.length + 1))
        // every earlier one of the family is taken
        for (let k = 1; k < n; k++) expect(taken.has(k === 1 ? base : `${base}-${k}`)).toBe(true)
      }),
    )
  })

  it('copies a copy into the original\'s family', () => {
    expect(freeCopySlug('about-copy', new Set(['about-copy']))).toBe('about-copy-2')
    expect(freeCopySlug('about-copy-2', new Set(['about-copy', 'about-copy-2']))).toBe('about-copy-3')
    expect(freeCopySlug('guides/trail', new Set())).toBe('guides/trail-copy')
  })
})

describe('parseCloneRequest', () => {
  it('names every missing or wrong field, and takes a full request as given', () => {
    expect(parseCloneRequest(null)).toEqual({ problems: [expect.objectContaining({ field: 'body' })] })
    const bad = parseCloneRequest({ domain: ' ', template: null, footprint: [], rewriteWithAi: 'yes' })
    expect('problems' in bad && bad.problems.map((p) => p.field)).toEqual(['domain', 'brandName', 'template', 'footprint', 'rewriteWithAi'])
    expect(parseCloneRequest({ domain: ' new.test ', brandName: ' New ', template: '7', footprint: null, rewriteWithAi: true })).toEqual({
      value: { domain: 'new.test', brandName: 'New', template: 7, footprint: null, rewriteWithAi: true },
    })
    expect(parseCloneRequest({ domain: 'new.test', brandName: 'New' })).toEqual({ value: { domain: 'new.test', brandName: 'New', rewriteWithAi: false } })
  })

  it('accepts any non-empty domain and brand and keeps them trimmed', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 60 }), fc.string({ minLength: 1, maxLength: 120 }), (domain, brandName) => {
        const parsed = parseCloneRequest({ domain, brandName })
        if (domain.trim() && brandName.trim()) {
          expect(parsed).toEqual({ value: { domain: domain.trim(), brandName: brandName.trim(), rewriteWithAi: false } })
        } else {
          expect('problems' in parsed).toBe(true)
        }
      }),
    )
  })
})
