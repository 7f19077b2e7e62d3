import { describe, expect, it } from 'vitest'

import { prepareFingerprint } from '../../../plugins/fingerprint'
import { buildSite, streamSite, type StreamSiteOptions } from '../../../plugins/site-builder/core/build'
import type { OutputFile, SiteSnapshot, SnapshotPage } from '../../../plugins/site-builder/core/types'
import { makeMonolithicSnapshot, makeSnapshot, pageBySlug } from '../../fixtures/snapshot'
import { partials } from './helpers'

const text = (f: OutputFile) => (typeof f.body === 'string' ? f.body : Buffer.from(f.body).toString('base64'))

/** Streams a snapshot whose pages are summaries, loading page content by id from `full` as the database loader does. */
const stream = async (full: SiteSnapshot, options: Partial<StreamSiteOptions> = {}) => {
  const files = new Map<string, string>()
  const order: string[] = []
  const byId = new Map(full.pages.map((p) => [String(p.id), p]))
  const loads: number[] = []
  const summaries: SiteSnapshot = { ...full, pages: full.pages.map((p) => ({ ...p, blocks: [] })) }
  const result = await streamSite(summaries, {
    partials,
    loadPages: (asked: SnapshotPage[]) => {
      loads.push(asked.length)
      return asked.map((s) => structuredClone(byId.get(String(s.id))!))
    },
    emit: (path, file) => {
      expect(files.has(path), `${path} emitted twice`).toBe(false)
      files.set(path, text(file))
      order.push(path)
    },
    ...options,
  })
  return { result, files, order, loads }
}

const asTexts = (files: Map<string, OutputFile>) => new Map([...files].map(([p, f]) => [p, text(f)]))

describe('streamSite', () => {
  it('gives the same files, byte for byte, as buildSite, loading page content a chunk at a time', async () => {
    for (const snapshot of [makeSnapshot(), makeMonolithicSnapshot()]) {
      const whole = buildSite(snapshot, { partials })
      const { result, files, loads } = await stream(snapshot, { chunkSize: 2 })
      expect(new Map([...files].sort())).toEqual(asTexts(whole.files))
      expect(loads.every((n) => n <= 2)).toBe(true)
      expect(loads.reduce((a, b) => a + b, 0)).toBe(snapshot.pages.length)
      expect(result.pages).toEqual(whole.pages)
      expect(result.assets).toEqual(whole.assets)
      expect(result.needs).toEqual(whole.needs)
      expect(result.stats).toMatchObject({ rendered: whole.stats.rendered, files: whole.stats.files, bytes: whole.stats.bytes })
    }
  })

  it('hands each page over as soon as it is rendered, in build order, then the site-wide files', async () => {
    const snapshot = makeSnapshot()
    const { order, result } = await stream(snapshot, { chunkSize: 1 })
    const pagePaths = result.pages.map((p) => p.path)
    expect(order.slice(0, pagePaths.length)).toEqual(pagePaths)
    expect(order).toContain('sitemap.xml')
  })

  it('gives the same files with the fingerprint as buildSite with the fingerprint', async () => {
    // (no icons: the fixture's media have no bytes to make them from)
    const base = makeSnapshot()
    const snapshot = { ...base, site: { ...base.site, logo: null, favicon: null } }
    const fpWhole = await prepareFingerprint(snapshot, { pictures: false })
    const whole = buildSite(snapshot, { partials, ...fpWhole.options })
    const fpStream = await prepareFingerprint(snapshot, { pictures: false })
    const { files } = await stream(snapshot, { chunkSize: 3, ...fpStream.options })
    expect(new Map([...files].sort())).toEqual(asTexts(whole.files))
  })

  it('split into shares, renders each page exactly once and the shares together make the whole site', async () => {
    const snapshot = makeSnapshot()
    const single = await stream(snapshot, { chunkSize: 1 })
    const shares = await Promise.all([0, 1].map((index) => stream(snapshot, { chunkSize: 1, share: { index, count: 2 } })))
    const union = new Map<string, string>()
    for (const share of shares) for (const [p, body] of share.files) {
      expect(union.has(p), `${p} made by both shares`).toBe(false)
      union.set(p, body)
    }
    expect(new Map([...union].sort())).toEqual(new Map([...single.files].sort()))
    expect(shares[0].result.pages.length + shares[1].result.pages.length).toBe(snapshot.pages.length)
    expect(shares[1].files.has('sitemap.xml')).toBe(false)
  })

  it('re-renders only the changed page when the caller still has the others, keeping hashes (not bodies) in its cache', async () => {
    const snapshot = makeSnapshot()
    const first = await stream(snapshot)
    expect(JSON.stringify(first.result.cache)).not.toContain('<html')
    const edited = structuredClone(snapshot)
    const target = pageBySlug(edited, first.result.pages[1].slug)
    target.h1 = 'Only this page changed'
    const reused: string[] = []
    const second = await stream(edited, { cache: first.result.cache, reuse: (path) => (reused.push(path), true) })
    expect(second.result.stats).toMatchObject({ rendered: 1, skipped: snapshot.pages.length - 1 })
    const pagePaths = new Set(second.result.pages.map((p) => p.path))
    expect([...second.files.keys()].filter((p) => pagePaths.has(p))).toEqual([first.result.pages[1].path])
    expect(second.files.get(first.result.pages[1].path)).toContain('Only this page changed')
    expect(reused).toHaveLength(snapshot.pages.length - 1)
  })

  it('renders a cached page again when the caller no longer has its file', async () => {
    const snapshot = makeSnapshot()
    const first = await stream(snapshot)
    const second = await stream(snapshot, { cache: first.result.cache, reuse: () => false })
    expect(second.result.stats.skipped).toBe(0)
    expect(second.files).toEqual(first.files)
  })

  it('stops with a message when a page disappears between the summaries and its content', async () => {
    const snapshot = makeSnapshot()
    await expect(
      streamSite(
        { ...snapshot, pages: snapshot.pages.map((p) => ({ ...p, blocks: [] })) },
        { partials, chunkSize: 2, loadPages: (asked) => asked.slice(1), emit: () => undefined },
      ),
    ).rejects.toThrow(/deleted or unpublished during the build; build again/)
  })
})
