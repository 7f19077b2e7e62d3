import { getIntrospectionQuery } from 'graphql'
import { beforeAll, describe, expect, it } from 'vitest'

import { QUERY_LIMITS } from '@/plugins/api-guard'
import { graphql, rest, type RestResponse } from '../helpers/rest'
import { createImage, getWorld, unique, type World } from '../helpers/world'

let w: World
let siteId: number
let token: string

const paragraph = (text: string) => ({
  root: {
    type: 'root', version: 1, direction: 'ltr', format: '', indent: 0,
    children: [{ type: 'paragraph', version: 1, direction: 'ltr', format: '', indent: 0, textFormat: 0, children: [{ type: 'text', version: 1, text, format: 0, mode: 'normal', style: '', detail: 0 }] }],
  },
})

/** Pages like real ones (a hero, articles, images), enough for the largest allowed request to do its full work. */
beforeAll(async () => {
  w = await getWorld()
  token = w.tokens.admin
  const site = await w.payload.create({
    collection: 'sites',
    data: { domain: `${unique('limits')}.test`, brandName: 'Limits', language: w.languageId, template: w.templateId } as never,
  })
  siteId = site.id
  const media: { id: number }[] = []
  for (let i = 0; i < 5; i++) media.push(await createImage(w.payload, siteId))
  await graphql('{ __typename }', { token }) // Payload builds the GraphQL schema on the first query, once per process
  for (let i = 0; i < 110; i++) {
    await w.payload.create({
      collection: 'pages',
      data: {
        title: `Page ${i}`,
        slug: `page-${i}`,
        site: siteId,
        _status: 'published',
        blocks: [
          { blockType: 'hero', heading: 'Welcome '.repeat(10), subheading: 'More '.repeat(60), image: media[i % 5]!.id },
          ...Array.from({ length: 4 }, (_, j) => ({ blockType: 'article', heading: `Part ${j}`, content: paragraph('Lorem ipsum dolor sit amet. '.repeat(50)) })),
          ...Array.from({ length: 5 }, (_, j) => ({ blockType: 'image', image: media[(i + j) % 5]!.id })),
        ],
      } as never,
    })
  }
}, 300_000)

/** The messages a client would show. */
const message = (res: RestResponse): string =>
  Array.isArray(res.body?.errors) ? res.body.errors.map((e: { message: string }) => e.message).join(' | ') : JSON.stringify(res.body)

/** Runs a request, returning it with how long it took and how much the process grew. */
const timed = async (run: () => Promise<RestResponse>) => {
  const rss = process.memoryUsage().rss
  const started = performance.now()
  const res = await run()
  return { res, ms: performance.now() - started, grewMb: (process.memoryUsage().rss - rss) / 1024 / 1024 }
}

const nest = (levels: number, limit = 100): string => {
  let inner = 'title'
  for (let i = 0; i < levels; i++) inner = `site { pages(limit: ${limit}) { docs { ${inner} } } }`
  return `{ Pages(limit: ${limit}) { docs { ${inner} } } }`
}

describe('GraphQL query limits', () => {
  it('refuses nested joins 4 and 5 levels deep at once, with a 400 that names the limit, without growing', async () => {
    const rss = process.memoryUsage().rss
    for (const levels of [2, 3, 4, 5]) {
      const { res, ms } = await timed(() => graphql(nest(levels), { token: w.tokens.editorA }))
      expect(res.status, message(res)).toBe(400)
      expect(message(res)).toMatch(/could read \d+ documents .*the most one query may read is 500|nests fields \d+ deep .*the most is 12/)
      expect(res.body.errors[0].extensions).toMatchObject({ code: 'QUERY_LIMIT' })
      expect(ms).toBeLessThan(1000)
    }
    expect((process.memoryUsage().rss - rss) / 1024 / 1024).toBeLessThan(50)
  })

  it('refuses a join without a limit, which would read every joined document', async () => {
    const res = await graphql('{ Pages(limit: 1) { docs { site { pages { docs { title } } } } } }', { token })
    expect(res.status).toBe(400)
    expect(message(res)).toMatch(/Pages\.docs\.site\.pages has no limit.*pages\(limit: 20\)/)
  })

  it('refuses limit 0, pagination: false and limits above the maximum, literal or in variables', async () => {
    for (const query of ['{ Pages(limit: 0) { docs { id } } }', '{ Pages(pagination: false) { docs { id } } }', '{ Pages(limit: 251) { docs { id } } }', '{ Pages(limit: 1) { docs { site { pages(limit: 101) { docs { id } } } } } }']) {
      const res = await graphql(query, { token })
      expect(res.status, query).toBe(400)
      expect(message(res)).toMatch(/limit|pagination/)
    }
    const res = await graphql('query ($n: Int) { Pages(limit: $n) { docs { id } } }', { token, variables: { n: 5000 } })
    expect(res.status).toBe(400)
    expect(message(res)).toMatch(/Pages\(limit: 5000\) is outside the limit: ask for 1 to 250/)
  })

  it('adds up aliases and fragments', async () => {
    const aliases = Array.from({ length: 6 }, (_, i) => `p${i}: Pages(limit: 100) { docs { ...F } }`).join(' ')
    const res = await graphql(`{ ${aliases} } fragment F on Page { title site { domain } }`, { token })
    expect(res.status).toBe(400)
    expect(message(res)).toMatch(/could read 1200 documents/)
  })

  it('refuses a query nested deeper than the maximum', async () => {
    let inner = 'id'
    for (let i = 0; i < 8; i++) inner = `site { logo { ${inner} } }`
    const res = await graphql(`{ Page(id: 1) { ${inner} } }`, { token })
    expect(res.status).toBe(400)
    expect(message(res)).toMatch(new RegExp(`nests fields 13 deep at Page\\.site\\.logo.*the most is ${QUERY_LIMITS.maxGraphqlDepth}`))
  })

  it('counts introspection on the schema: the full introspection query passes, two at once are refused at once', async () => {
    const full = await graphql(getIntrospectionQuery(), { token })
    expect(full.status, message(full)).toBe(200)
    expect(full.body.data.__schema.types.length).toBeGreaterThan(100)
    const fragments = getIntrospectionQuery().slice(getIntrospectionQuery().indexOf('fragment FullType'))
    const twice = `{ a: __schema { types { ...FullType } } b: __schema { types { ...FullType } } } ${fragments}`
    const { res, ms } = await timed(() => graphql(twice, { token }))
    expect(res.status, message(res)).toBe(400)
    expect(message(res)).toMatch(/introspection query answers with more than 250000 values/)
    expect(ms).toBeLessThan(1000)
  })

  // times of answered queries are printed, not asserted: this machine is shared
  it('draws the line at 500 documents: one join page more is refused, the largest allowed queries answer within 50 MB', async () => {
    const over = await graphql('{ Pages(limit: 5) { docs { title site { pages(limit: 99) { docs { title } } } } } }', { token })
    expect(over.status, message(over)).toBe(400)
    expect(message(over)).toMatch(/could read 505 documents \(Pages: 505\)/)
    const queries = [
      '{ Pages(limit: 100) { docs { title slug site { domain } } } }',
      '{ Pages(limit: 250) { docs { title } } }',
      '{ Pages(limit: 4) { docs { title site { pages(limit: 100) { docs { title } } } } } }',
      '{ Pages(limit: 40) { docs { title blocks { ... on ImageBlock { image { url alt } } ... on HeroBlock { image { url } } } } } }',
    ]
    for (const query of queries) {
      const { res, ms, grewMb } = await timed(() => graphql(query, { token }))
      console.log('query-limits:', query, res.status, Math.round(ms), Math.round(grewMb), JSON.stringify(res.body).length)
      expect(res.status, message(res)).toBe(200)
      expect(res.body.errors, message(res)).toBeUndefined()
      expect(grewMb, query).toBeLessThan(50)
    }
  })
})

describe('REST query limits', () => {
  const refusals: [string, RegExp][] = [
    ['/sites?depth=10', /depth=10 is over the limit: depth may be 0 to 2/],
    ['/pages?depth=-1', /depth=-1 is over the limit/],
    ['/pages?depth=two', /depth must be a whole number/],
    ['/pages?limit=0', /limit=0 \(no limit\) is not available/],
    ['/pages?limit=1000', /limit=1000 is over the limit: ask for 1 to 100 \(250 with depth=0\)/],
    ['/pages?pagination=false', /pagination=false .* is not available over the API/],
    ['/sites?joins[pages][limit]=0', /joins\[pages\]\[limit\]=0 \(every joined document\) is not available/],
    ['/sites?joins[pages][limit]=1000', /joins\[pages\]\[limit\]=1000 is over the limit/],
    ['/sites?limit=100&depth=2', /could read 3100 documents \(100 sites × \(1 \+ 30 joined: pages 20, affiliateLinks 10\)\).* is 500/],
    ['/sites?depth=3', /depth=3 is over the limit/],
    ['/sites?depth=1&joins[pages][limit]=100&limit=10', /could read 1110 documents/],
    ['/pages/versions?limit=0', /limit=0/],
  ]
  it('refuses depth, limit and joins past the limits with a 400 that says which, at once', async () => {
    const rss = process.memoryUsage().rss
    for (const [path, expected] of refusals) {
      const { res, ms } = await timed(() => rest('GET', path, { token: w.tokens.editorA }))
      expect(res.status, `${path}: ${message(res)}`).toBe(400)
      expect(message(res), path).toMatch(expected)
      expect(ms, path).toBeLessThan(1000)
    }
    expect((process.memoryUsage().rss - rss) / 1024 / 1024).toBeLessThan(50)
  })

  it('reads the same limits from a JSON body sent with X-HTTP-Method-Override: GET', async () => {
    const res = await rest('POST', `/sites/${siteId}`, {
      token: w.tokens.editorA,
      json: { depth: 10 },
      headers: { 'x-http-method-override': 'GET' },
    })
    expect(res.status).toBe(400)
    expect(message(res)).toMatch(/depth=10 is over the limit/)
  })

  it('draws the line at 500 documents: 17 sites with their joins are refused, 16 and the largest requests answer within 50 MB', async () => {
    const over = await rest('GET', '/sites?limit=17', { token })
    expect(over.status, message(over)).toBe(400)
    expect(message(over)).toMatch(/could read 527 documents \(17 sites × \(1 \+ 30 joined/)
    // joins left out are not counted, and the Local API (our own code) is not limited
    expect((await rest('GET', '/sites?limit=100&joins[pages]=false&joins[affiliateLinks]=false', { token })).status).toBe(200)
    expect((await w.payload.find({ collection: 'pages', where: { site: { equals: siteId } }, pagination: false, depth: 0 })).docs).toHaveLength(110)
    for (const path of [`/pages?limit=100&depth=2&where[site][equals]=${siteId}`, '/pages?limit=250&depth=0', `/sites?limit=16&where[id][equals]=${siteId}`, `/sites/${siteId}?joins[pages][limit]=100`]) {
      const { res, ms, grewMb } = await timed(() => rest('GET', path, { token }))
      console.log('query-limits:', path, res.status, Math.round(ms), Math.round(grewMb), JSON.stringify(res.body).length)
      expect(res.status, `${path}: ${message(res)}`).toBe(200)
      expect(grewMb, path).toBeLessThan(50)
    }
  })
})
