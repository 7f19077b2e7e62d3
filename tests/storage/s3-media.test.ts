/**
 * Media in an S3-compatible bucket: s3rver (tests/storage/server.ts) stands in for R2 or MinIO, and this
 * process runs with S3_* set (tests/storage/env.ts), so Payload stores uploads through
 * @payloadcms/storage-s3. What is published from the bucket is compared with what local storage
 * publishes for the same uploads, made by a second Payload on the same database without S3_BUCKET.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3'
import config from '@payload-config'
import { getPayload, handleEndpoints, type Payload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'

import type { Deployment, Media, Site, Template } from '@/payload-types'
import { mediaContentHash, variantBase } from '@/plugins/fingerprint/core/images'
import { queueDeployment } from '@/plugins/publisher/jobs/queue'
import { buildSiteFromDatabase } from '@/plugins/site-builder/build'
import { jpegBytes, pngBytes, uploadForm } from '../helpers/files'
import { rest } from '../helpers/rest'
import { getWorld, unique, type World } from '../helpers/world'

const s3 = inject('s3')
const bucket = new S3Client({
  endpoint: s3.endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
})

const LAYOUT = `<!doctype html><html lang="{{ language }}"><head>{{ head }}</head><body>
<header class="top"><a class="brand" href="/">{{ brand_name }}</a>{{ menu }}</header>
<h1 class="title">{{ page.h1 }}</h1><main class="content">{{ content }}</main>{{ scripts }}</body></html>`
const SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><script>alert(2)</script><rect width="10" height="10" fill="teal"/></svg>'

let w: World
let template: Template
let publishDir: string
const saved = { PUBLISH_DIR: process.env.PUBLISH_DIR }

const keysUnder = async (prefix: string): Promise<string[]> => {
  const listed = await bucket.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }))
  return (listed.Contents ?? []).map((o) => o.Key!).sort()
}

const objectBytes = async (key: string): Promise<Buffer> => {
  const object = await bucket.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }))
  return Buffer.from(await object.Body!.transformToByteArray())
}

/** Every file of a folder, by path relative to it. */
const readTree = (root: string): Map<string, Buffer> => {
  const files = new Map<string, Buffer>()
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else files.set(path.relative(root, full).split(path.sep).join('/'), fs.readFileSync(full))
    }
  }
  walk(root)
  return files
}

/** The sizes' file names of an upload (those Payload made). */
const sizeFiles = (doc: Media): string[] =>
  Object.values(doc.sizes ?? {})
    .map((size) => size?.filename)
    .filter((name): name is string => Boolean(name))

const apiPath = (url: string | null | undefined): string => new URL(url!, 'http://localhost').pathname.replace(/^\/api/, '')

/** The same uploads, site and pages through a Payload, deployed to the local folder target: the live tree. */
const publishScenario = async ({ payload, names, domain }: { payload: Payload; names: { photo: string; logo: string; icon: string }; domain: string }) => {
  const site = (await payload.create({
    collection: 'sites',
    data: { domain, brandName: 'Bucket Test', language: w.languageId, template: template.id, uniqueClassPrefix: 'bkt', analyticsEnabled: false } as never,
  })) as Site
  const create = async (name: string, data: Buffer, mimetype: string, alt: string) =>
    (await payload.create({ collection: 'media', data: { alt, site: site.id }, file: { data, mimetype, name, size: data.length } })) as Media
  const photo = await create(names.photo, await jpegBytes(1200, 800, '#0ea5e9'), 'image/jpeg', 'A blue photo')
  const logo = await create(names.logo, await pngBytes(400, 300, '#f97316'), 'image/png', 'An orange logo')
  const icon = await create(names.icon, Buffer.from(SVG), 'image/svg+xml', 'A teal square')
  const image = (media: Media) => ({ blockType: 'image', image: media.id })
  const pages = [
    await payload.create({
      collection: 'pages',
      data: { title: 'Home', slug: 'index', h1: 'Home', site: site.id, _status: 'published', blocks: [image(photo), image(icon)] } as never,
    }),
    await payload.create({
      collection: 'pages',
      data: { title: 'About', slug: 'about', h1: 'About', site: site.id, _status: 'published', blocks: [image(logo), image(photo)] } as never,
    }),
  ]
  const queued = await queueDeployment({ payload, siteId: site.id, trigger: 'manual' })
  await payload.jobs.run({ queue: 'deploy', sequential: true })
  const done = (await payload.findByID({ collection: 'deployments', id: queued.id, depth: 0 })) as Deployment
  // as the build read them (the storage plugin saves an upload once more after storing its files)
  const reread = (media: Media) => payload.findByID({ collection: 'media', id: media.id, depth: 0 }) as Promise<Media>
  const media = { photo: await reread(photo), logo: await reread(logo), icon: await reread(icon) }
  return { site, media, pages, done, tree: readTree(path.join(publishDir, domain, 'current')) }
}

let localPayload: Promise<Payload> | undefined

/** A second Payload on the same database, configured as without S3: uploads go to MEDIA_DIR. */
const localStoragePayload = (): Promise<Payload> => {
  localPayload ??= (async () => {
    const bucketName = process.env.S3_BUCKET
    delete process.env.S3_BUCKET
    try {
      vi.resetModules()
      const { default: localConfig } = await import('@payload-config')
      return await getPayload({ config: localConfig, key: 'local-storage' })
    } finally {
      process.env.S3_BUCKET = bucketName
    }
  })()
  return localPayload
}

beforeAll(async () => {
  w = await getWorld()
  publishDir = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-s3-'))
  process.env.PUBLISH_DIR = publishDir
  template = (await w.payload.create({ collection: 'templates', data: { name: unique('Bucket template '), type: 'monolithic', html: LAYOUT } as never })) as Template
})

afterAll(async () => {
  if (saved.PUBLISH_DIR === undefined) delete process.env.PUBLISH_DIR
  else process.env.PUBLISH_DIR = saved.PUBLISH_DIR
  fs.rmSync(publishDir, { recursive: true, force: true })
  if (localPayload) await (await localPayload).destroy()
  bucket.destroy()
})

describe('media in an S3-compatible bucket', () => {
  let photo: Media
  let icon: Media
  let photoBytes: Buffer

  it('stores an image, its WebP sizes and a cleaned SVG as objects of the bucket, nothing on local disk', async () => {
    photoBytes = await jpegBytes(1200, 800, '#22c55e')
    const uploaded = await rest('POST', '/media', {
      token: w.tokens.editorA,
      form: uploadForm({ bytes: photoBytes, name: `${unique('photo')}.jpg`, type: 'image/jpeg' }, { alt: 'A green photo', site: w.siteA.id }),
    })
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201)
    photo = uploaded.body.doc
    expect(sizeFiles(photo)).toHaveLength(2) // 320 and 768 px; no 1600 px size from a 1200 px original

    const keys = await keysUnder('media/')
    for (const name of [photo.filename!, ...sizeFiles(photo)]) expect(keys).toContain(`media/${name}`)
    expect((await objectBytes(`media/${photo.filename}`)).equals(photoBytes)).toBe(true)
    const card = await sharp(await objectBytes(`media/${photo.sizes!.card!.filename}`)).metadata()
    expect(card).toMatchObject({ format: 'webp', width: 768 })

    const svg = await rest('POST', '/media', {
      token: w.tokens.editorA,
      form: uploadForm({ bytes: Buffer.from(SVG), name: `${unique('icon')}.svg`, type: 'image/svg+xml' }, { alt: 'A teal square', site: w.siteA.id }),
    })
    expect(svg.status, JSON.stringify(svg.body)).toBe(201)
    icon = svg.body.doc
    const stored = (await objectBytes(`media/${icon.filename}`)).toString('utf8')
    expect(stored).toContain('<rect')
    expect(stored).not.toMatch(/<script|onload/i)

    const mediaDir = path.resolve(process.env.MEDIA_DIR ?? 'media')
    for (const name of [photo.filename!, ...sizeFiles(photo), icon.filename!]) expect(fs.existsSync(path.join(mediaDir, name))).toBe(false)
  })

  it('serves the original, its thumbnail and sizes and the SVG at the URLs the admin shows', async () => {
    const original = await fetchFile(photo.url)
    expect(original).toMatchObject({ status: 200, type: 'image/jpeg' })
    expect(original.bytes.equals(photoBytes)).toBe(true)
    expect(apiPath(photo.thumbnailURL)).toBe(apiPath(photo.sizes!.thumbnail!.url))
    for (const url of [photo.thumbnailURL, photo.sizes!.card!.url]) {
      const size = await fetchFile(url)
      expect(size).toMatchObject({ status: 200, type: 'image/webp' })
      expect(size.bytes.equals(await objectBytes(`media/${path.posix.basename(apiPath(url))}`))).toBe(true)
    }
    expect(await fetchFile(icon.url)).toMatchObject({ status: 200, type: 'image/svg+xml' })
    // the admin's list reads the same documents, with the thumbnail URL
    const list = await rest('GET', `/media?where[id][equals]=${photo.id}&depth=0`, { token: w.tokens.editorA })
    expect(list.body.docs[0].thumbnailURL).toBe(photo.thumbnailURL)
  })

  it('keeps the objects of an upload in the trash, and removes them and its sizes once it is deleted for good', async () => {
    const keys = [photo.filename!, ...sizeFiles(photo)].map((name) => `media/${name}`)
    const trashed = await rest('PATCH', `/media/${photo.id}`, { token: w.tokens.editorA, json: { deletedAt: new Date().toISOString() } })
    expect(trashed.status, JSON.stringify(trashed.body)).toBe(200)
    expect(await keysUnder('media/')).toEqual(expect.arrayContaining(keys))
    const res = await rest('DELETE', `/media/${photo.id}?trash=true`, { token: w.tokens.admin })
    expect(res.status, JSON.stringify(res.body)).toBe(200)
    const left = await keysUnder('media/')
    for (const key of keys) expect(left).not.toContain(key)
    expect(left).toContain(`media/${icon.filename}`)
  })

  it('keeps the same database schema as local storage', async () => {
    const local = await localStoragePayload()
    const fieldsOf = (payload: Payload, slug: 'media' | 'template-assets') =>
      payload.collections[slug].config.flattenedFields.map((f) => `${f.name}:${f.type}`).sort()
    for (const slug of ['media', 'template-assets'] as const) expect(fieldsOf(local, slug)).toEqual(fieldsOf(w.payload, slug))
    expect(local.collections.media.config.upload.disableLocalStorage ?? false).toBe(false)
    expect(w.payload.collections.media.config.upload.disableLocalStorage).toBe(true)
  })

  it('publishes from the bucket the same pages, originals, sizes and image variants as from local storage', async () => {
    const local = await localStoragePayload()
    const names = { photo: `${unique('same-photo')}.jpg`, logo: `${unique('same-logo')}.png`, icon: `${unique('same-icon')}.svg` }

    const fromDisk = await publishScenario({ payload: local, names, domain: `${unique('disk')}.test` })
    expect(fromDisk.done.error ?? null).toBeNull()
    expect(fromDisk.done.status).toBe('success')
    // the local run's uploads are on disk, not in the bucket
    expect(fs.existsSync(path.join(path.resolve(process.env.MEDIA_DIR ?? 'media'), fromDisk.media.photo.filename!))).toBe(true)
    expect(await keysUnder(`media/${names.photo}`)).toEqual([])
    // its uploads make way for the same file names in the bucket
    for (const page of fromDisk.pages) await local.delete({ collection: 'pages', id: page.id })
    for (const media of Object.values(fromDisk.media)) await local.delete({ collection: 'media', id: media.id })

    const fromBucket = await publishScenario({ payload: w.payload, names, domain: `${unique('bucket')}.test` })
    expect(fromBucket.done.error ?? null).toBeNull()
    expect(fromBucket.done.status).toBe('success')
    expect(Object.values(fromBucket.media).map((m) => m.filename)).toEqual(Object.values(names))
    expect(await keysUnder(`media/${names.photo}`)).toEqual([`media/${names.photo}`])

    // the two sites differ only in their domain and in the media documents' ids and dates, which name the variants
    const renames: [string, string][] = [[fromDisk.site.domain, fromBucket.site.domain]]
    for (const key of Object.keys(names) as (keyof typeof names)[]) {
      const [a, b] = [fromDisk.media[key], fromBucket.media[key]].map((m) => variantBase(`/${m.filename}`, mediaContentHash({ ...m, filename: m.filename! })).path)
      renames.push([a, b])
    }
    const rename = (text: string) => renames.reduce((out, [from, to]) => out.split(from).join(to), text)
    const isText = (file: string) => /\.(html|css|js|xml|txt|json|webmanifest|svg)$|^_/.test(file)
    const expected = new Map([...fromDisk.tree].map(([file, bytes]) => [rename(file), isText(file) ? Buffer.from(rename(bytes.toString('utf8'))) : bytes]))

    expect([...fromBucket.tree.keys()].sort()).toEqual([...expected.keys()].sort())
    const differing = [...fromBucket.tree].filter(([file, bytes]) => !bytes.equals(expected.get(file)!)).map(([file]) => file)
    expect(differing).toEqual([])

    // and the comparison covered what the bucket serves: originals, Payload's sizes and the builder's variants
    const files = [...fromBucket.tree.keys()]
    for (const media of Object.values(fromBucket.media)) expect(files.some((f) => f.endsWith(`/${media.filename}`) || f === media.filename)).toBe(true)
    expect(files.some((f) => f.endsWith(`/${fromBucket.media.photo.sizes!.card!.filename}`) || f === fromBucket.media.photo.sizes!.card!.filename)).toBe(true)
    expect(files.filter((f) => /\.(avif|webp)$/.test(f)).length).toBeGreaterThan(2)
    const published = fromBucket.tree.get(files.find((f) => f.endsWith(names.photo))!)!
    expect(published.equals(await objectBytes(`media/${names.photo}`))).toBe(true)
  })

  it('builds a site whose template asset is in the bucket into a folder, with its bytes', async () => {
    const bytes = await pngBytes(32, 32, '#a855f7')
    const asset = await w.payload.create({
      collection: 'template-assets',
      data: { description: 'Bucket asset' },
      file: { data: bytes, mimetype: 'image/png', name: `${unique('asset')}.png`, size: bytes.length },
    })
    expect(await keysUnder(`template-assets/${asset.filename}`)).toEqual([`template-assets/${asset.filename}`])
    const withAsset = (await w.payload.create({
      collection: 'templates',
      data: { name: unique('Asset template '), type: 'monolithic', html: LAYOUT, assets: [{ path: 'img/mark.png', file: asset.id }] } as never,
    })) as Template
    const site = (await w.payload.create({
      collection: 'sites',
      data: { domain: `${unique('asset')}.test`, brandName: 'Asset Test', language: w.languageId, template: withAsset.id, analyticsEnabled: false } as never,
    })) as Site
    await w.payload.create({ collection: 'pages', data: { title: 'Home', slug: 'index', h1: 'Home', site: site.id, _status: 'published' } as never })
    const outDir = path.join(publishDir, `${site.domain}-build`)
    const built = await buildSiteFromDatabase({ payload: w.payload, siteId: site.id, outDir, fingerprint: false })
    const copied = built.assets.find((a) => a.path.endsWith('img/mark.png'))
    expect(copied?.source).toBe(`s3://${s3.bucket}/template-assets/${asset.filename}`)
    expect(fs.readFileSync(path.join(outDir, copied!.path)).equals(bytes)).toBe(true)
  })

  it('fails a deployment whose object is gone from the bucket, saying which file and what to do', async () => {
    const site = (await w.payload.create({
      collection: 'sites',
      data: { domain: `${unique('gone')}.test`, brandName: 'Gone Test', language: w.languageId, template: template.id, analyticsEnabled: false } as never,
    })) as Site
    const bytes = await pngBytes(200, 100, '#ef4444')
    const gone = (await w.payload.create({
      collection: 'media',
      data: { alt: 'A red strip', site: site.id },
      file: { data: bytes, mimetype: 'image/png', name: `${unique('gone')}.png`, size: bytes.length },
    })) as Media
    await w.payload.create({
      collection: 'pages',
      data: { title: 'Home', slug: 'index', h1: 'Home', site: site.id, _status: 'published', blocks: [{ blockType: 'image', image: gone.id }] } as never,
    })
    await bucket.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: `media/${gone.filename}` }))
    const queued = await queueDeployment({ payload: w.payload, siteId: site.id, trigger: 'manual' })
    await w.payload.jobs.run({ queue: 'deploy', sequential: true })
    const done = (await w.payload.findByID({ collection: 'deployments', id: queued.id, depth: 0 })) as Deployment
    expect(done.status).toBe('failed')
    expect(done.error).toContain(gone.filename)
    expect(done.error).toMatch(/missing from the media storage.*upload (it|the image) again/)
  })
})

/** GET of an upload's URL through Payload's REST handler (as the Next route calls it), with the editor's session like the admin's <img>. */
const fetchFile = async (url: string | null | undefined) => {
  const pathname = `/api${apiPath(url)}`
  const request = new Request(new URL(pathname, 'http://localhost:3000'), { headers: { authorization: `JWT ${w.tokens.editorA}` } })
  const res = await handleEndpoints({ config, path: pathname, request })
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) }
}
