import type { CollectionConfig, Config, Field, Plugin } from 'payload'

export type ReadableAdminOptions = {
  /** Off: list columns show Payload's own cells and its controls keep their names (or lack of them). */
  enabled?: boolean
}

const BOOLEAN_CELL = '/plugins/readable-admin/components/BooleanCell.client#BooleanCell'
const ACCESSIBLE_NAMES = '/plugins/readable-admin/components/AccessibleNames.client#AccessibleNames'
const TAB_TITLE = '/plugins/readable-admin/components/DocumentTabTitle.client#DocumentTabTitle'

/** Checkbox fields that can be list columns (top level, in rows, collapsibles, tabs and groups) get the Yes/No cell. */
const withBooleanCells = (fields: Field[]): Field[] =>
  fields.map((field) => {
    if (field.type === 'checkbox') {
      if (field.admin?.components?.Cell) return field
      return { ...field, admin: { ...field.admin, components: { ...field.admin?.components, Cell: BOOLEAN_CELL } } }
    }
    if (field.type === 'tabs') return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: withBooleanCells(tab.fields) })) }
    if (field.type === 'row' || field.type === 'collapsible' || field.type === 'group') return { ...field, fields: withBooleanCells(field.fields) }
    return field
  })

/** Every collection's edit view names its browser tab after the document (DocumentTabTitle). */
const withTabTitle = (collection: CollectionConfig): CollectionConfig => {
  const edit = collection.admin?.components?.edit
  return {
    ...collection,
    admin: {
      ...collection.admin,
      components: { ...collection.admin?.components, edit: { ...edit, beforeDocumentControls: [...(edit?.beforeDocumentControls ?? []), TAB_TITLE] } },
    },
  }
}

const withCells = (collection: CollectionConfig): CollectionConfig => withTabTitle({ ...collection, fields: withBooleanCells(collection.fields) })

/**
 * What the admin shows in words: booleans in list columns read "Yes" / "No" (Payload prints the code `false`),
 * Payload's icon-only controls that have no accessible name get one (the document's ⋯ menu), and a document's
 * browser tab is named after the document. Goes after the plugins that add collections, so their checkboxes are
 * covered too. Only admin components: no schema change.
 */
export const readableAdminPlugin =
  (options: ReadableAdminOptions = {}): Plugin =>
  (config: Config): Config => {
    if (options.enabled === false) return config
    return {
      ...config,
      collections: (config.collections ?? []).map(withCells),
      admin: {
        ...config.admin,
        components: { ...config.admin?.components, providers: [...(config.admin?.components?.providers ?? []), ACCESSIBLE_NAMES] },
      },
    }
  }
