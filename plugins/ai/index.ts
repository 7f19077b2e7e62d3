import type { Block, CollectionConfig, Config, Field, Plugin, UIField } from 'payload'

import { reclaimBeforeRun } from '@/lib/jobs'

import { AiBatches } from './collections/AiBatches'
import { AiBudgetReservations } from './collections/AiBudgetReservations'
import { AiBudgets } from './collections/AiBudgets'
import { AiGenerations } from './collections/AiGenerations'
import { AI_QUEUE } from './constants'
import { bulkEndpoint } from './endpoints/bulk'
import { generateEndpoint } from './endpoints/generate'
import { usageEndpoint } from './endpoints/usage'
import { deleteSiteBudgets } from './hooks/deleteSiteBudgets'
import { validatePrompt } from './hooks/validatePrompt'
import { aiBatchTask } from './jobs/batch'
import { reclaimStaleBatches } from './jobs/reclaim'
import { optionsCustom, resolveOptions, type AiPluginOptions } from './options'

export type { AiPluginOptions } from './options'
export { aiGenerateDescription, aiGenerateTitle } from './seo'

const COMPONENTS = '/plugins/ai/components'

const generateField = (target: string, name = 'aiGenerate'): UIField => ({
  name,
  type: 'ui',
  admin: {
    components: { Field: { path: `${COMPONENTS}/GenerateField.client#GenerateField`, clientProps: { target } } },
    disableListColumn: true,
  },
})

const withGenerateButton = (block: Block): Block => ({ ...block, fields: [generateField(block.slug), ...block.fields] })

/** Puts the Generate button at the top of every block and in the SEO group, wherever they sit in tabs and rows. */
const addButtons = (fields: Field[]): Field[] =>
  fields.map((field) => {
    if (field.type === 'blocks' && field.name === 'blocks') return { ...field, blocks: field.blocks.map(withGenerateButton) }
    if (field.type === 'group' && 'name' in field && field.name === 'meta') {
      return { ...field, fields: [generateField('metaTitle', 'aiGenerateMetaTitle'), generateField('metaDescription', 'aiGenerateMetaDescription'), ...field.fields] }
    }
    if (field.type === 'tabs') return { ...field, tabs: field.tabs.map((tab) => ({ ...tab, fields: addButtons(tab.fields) })) }
    if (field.type === 'row' || field.type === 'collapsible') return { ...field, fields: addButtons(field.fields) }
    return field
  })

/** Prompts are checked on save whether or not the plugin is enabled: a stored prompt is a template that will render one day. */
const withPromptChecks = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: { ...collection.hooks, beforeChange: [...(collection.hooks?.beforeChange ?? []), validatePrompt()] },
})

const withBudgetCleanup = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  hooks: { ...collection.hooks, beforeDelete: [...(collection.hooks?.beforeDelete ?? []), deleteSiteBudgets()] },
})

const withPageButtons = (collection: CollectionConfig): CollectionConfig => ({
  ...collection,
  fields: [
    ...addButtons(collection.fields),
    {
      name: 'aiBulk',
      type: 'ui',
      admin: { position: 'sidebar', components: { Field: `${COMPONENTS}/BulkGenerate.client#BulkGenerate` }, disableListColumn: true },
    },
  ],
})

/**
 * AI generation: Generate buttons on blocks and SEO fields (POST
 * /api/ai/generate, streamed), bulk "Generate page / site" jobs (POST
 * /api/ai/bulk), the ai-generations history with a usage summary
 * (GET /api/ai/usage) and the ai-batches runs. Providers: OpenAI and
 * Anthropic through their SDKs. Must come after plugin-seo, whose meta
 * group gets buttons too.
 */
export const aiPlugin =
  (options: AiPluginOptions = {}): Plugin =>
  (config: Config): Config => {
    const resolved = resolveOptions(options)
    const { isEnabled } = resolved
    const collections = (config.collections ?? []).map((collection) => {
      if (collection.slug === 'prompts') return withPromptChecks(collection)
      if (collection.slug === 'sites') return withBudgetCleanup(collection)
      return isEnabled && collection.slug === 'pages' ? withPageButtons(collection) : collection
    })
    return {
      ...config,
      custom: { ...config.custom, ...optionsCustom(resolved) },
      collections: [...collections, AiGenerations, AiBatches, AiBudgets, AiBudgetReservations],
      endpoints: [...(config.endpoints ?? []), ...(isEnabled ? [generateEndpoint, bulkEndpoint, usageEndpoint] : [])],
      jobs: {
        ...config.jobs,
        tasks: [...(config.jobs?.tasks ?? []), ...(isEnabled ? [aiBatchTask] : [])],
        autoRun: [
          ...(Array.isArray(config.jobs?.autoRun) ? config.jobs.autoRun : []),
          ...(isEnabled ? [{ cron: '*/5 * * * * *', queue: AI_QUEUE, limit: 1 }] : []),
        ],
        ...(isEnabled ? { processingOrder: reclaimBeforeRun(config.jobs?.processingOrder, AI_QUEUE, 'AI bulk runs', reclaimStaleBatches) } : {}),
      },
    }
  }
