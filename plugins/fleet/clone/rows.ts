import { createHash, randomBytes } from 'node:crypto'

import type { Block, Field } from 'payload'

type Rows = { blockBySlug: (slug: string) => Block | undefined; idFor: (old: unknown) => string | undefined }

const isRecord = (value: unknown): value is Record<string, unknown> => Boolean(value) && typeof value === 'object' && !Array.isArray(value)

const walk = (rows: Rows, fields: Field[], data: unknown): void => {
  if (!isRecord(data)) return
  for (const field of fields) {
    const name = 'name' in field && typeof field.name === 'string' && field.name !== '' ? field.name : null
    switch (field.type) {
      case 'tabs':
        for (const tab of field.tabs) walk(rows, tab.fields, 'name' in tab && tab.name ? data[tab.name] : data)
        break
      case 'row':
      case 'collapsible':
        walk(rows, field.fields, data)
        break
      case 'group':
        walk(rows, field.fields, name ? data[name] : data)
        break
      case 'array':
      case 'blocks': {
        const list = name ? data[name] : undefined
        if (!Array.isArray(list)) break
        for (const row of list) {
          if (!isRecord(row)) continue
          const id = rows.idFor(row.id)
          if (id === undefined) delete row.id
          else row.id = id
          if (field.type === 'array') walk(rows, field.fields, row)
          else if (typeof row.blockType === 'string') {
            const block = field.blocks?.find((b) => b.slug === row.blockType) ?? rows.blockBySlug(row.blockType)
            if (block) walk(rows, block.fields, row)
          }
        }
        break
      }
      default:
        break
    }
  }
}

/**
 * Array and block rows keep their ids in tables of their own, where an id is a primary key: a copy needs new
 * ones. `salt` given: each new id is derived from the old one (the same row copied twice into one site gets
 * the same id, so a page's published and draft versions keep matching rows); without it the ids are left
 * out, for Payload to make.
 */
export const renewRowIds = ({ fields, data, blocks, salt }: { fields: Field[]; data: unknown; blocks: Block[]; salt?: string }): void =>
  walk(
    {
      blockBySlug: (slug) => blocks.find((block) => block.slug === slug),
      idFor: (old) =>
        salt === undefined
          ? undefined
          : typeof old === 'string' && old !== ''
            ? createHash('sha256').update(`${salt}:${old}`).digest('hex').slice(0, 24)
            : randomBytes(12).toString('hex'),
    },
    fields,
    data,
  )
