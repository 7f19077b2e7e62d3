import fc from 'fast-check'
import { describe, expect, it } from 'vitest'

import { followChain, normalizePath, pathKey, redirectLines } from '@/plugins/fleet/redirects/core/paths'

const segment = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f')
const pathArb = fc.tuple(segment, fc.boolean()).map(([s, slash]) => `/${s}${slash ? '/' : ''}`)

describe('redirect paths', () => {
  it('keeps paths of the site and says what is wrong with anything else', () => {
    expect(normalizePath(' /old-page/ ')).toEqual({ path: '/old-page/' })
    expect(normalizePath('https://example.com/old.html')).toEqual({ path: '/old.html' })
    for (const bad of ['', 'old', '/a b', '/a?x=1', '/a#top', '/blog/*', '/:slug', '//x']) expect(normalizePath(bad), bad).toHaveProperty('error')
  })

  it('following a chain ends at an address no rule starts from, or reports a loop (any rule set)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(pathArb, pathArb), { maxLength: 8 }), pathArb, pathArb, (pairs, from, target) => {
        // one rule per address, as the collection keeps them
        const rules = [...new Map(pairs.map(([f, t]) => [pathKey(f), { from: f, to: t }])).values()].filter((r) => pathKey(r.from) !== pathKey(from))
        const result = followChain(from, target, rules)
        const sources = new Set(rules.map((r) => pathKey(r.from)))
        if (result.isLoop) return
        expect(sources.has(pathKey(result.to))).toBe(false)
        expect(pathKey(result.to)).not.toBe(pathKey(from))
        expect(result.hops).toBeLessThanOrEqual(rules.length)
      }),
    )
  })

  it('writes each source once, with and without its slash, and leaves out rules from live pages and to themselves', () => {
    expect(
      redirectLines(
        [
          { from: '/b/', to: '/c/', status: 301 },
          { from: '/a', to: '/c/', status: 302 },
          { from: '/live/', to: '/c/', status: 301 },
          { from: '/same/', to: '/same', status: 301 },
        ],
        (p) => pathKey(p) === '/live',
      ),
    ).toEqual(['/a /c/ 302', '/b/ /c/ 301', '/b /c/ 301'])
  })
})
