import {
  convertMarkdownToLexical,
  editorConfigFactory,
  EXPERIMENTAL_TableFeature,
  type FeatureProviderServer,
  type SanitizedServerEditorConfig,
} from '@payloadcms/richtext-lexical'
import type { SanitizedConfig } from 'payload'

/**
 * The rich text features the AI writes with: Payload's defaults (headings,
 * lists, links, bold/italic/strikethrough/code, quotes) plus tables. The
 * project's editor (payload.config.ts) has the same set, so everything the
 * AI writes opens in the admin.
 */
export const aiRichTextFeatures = ({ defaultFeatures }: { defaultFeatures: FeatureProviderServer<any, any, any>[] }) => [
  ...defaultFeatures,
  EXPERIMENTAL_TableFeature(),
]

const cache = new WeakMap<SanitizedConfig, Promise<SanitizedServerEditorConfig>>()

const editorConfigFor = (config: SanitizedConfig): Promise<SanitizedServerEditorConfig> => {
  let found = cache.get(config)
  if (!found) {
    found = editorConfigFactory.fromFeatures({ config, features: aiRichTextFeatures })
    cache.set(config, found)
  }
  return found
}

type LexicalNode = { type: string; text?: string; children?: LexicalNode[] }

/** Lexical's transformers read `***x***` as bold around `*x*`; models write it for bold italic. */
const normalizeMarkdown = (markdown: string): string =>
  markdown.replace(/\r\n?/g, '\n').replace(/\*\*\*(?=\S)([^*\n]+?)(?<=\S)\*\*\*/g, '**_$1_**')

/** Table cells keep the spaces around `| text |`: trim them, and drop text nodes left empty. */
const trimCells = (node: LexicalNode, isInCell = false): void => {
  const inCell = isInCell || node.type === 'tablecell'
  if (!node.children) return
  if (inCell && node.type === 'paragraph') {
    const texts = node.children
    const first = texts[0]
    const last = texts[texts.length - 1]
    if (first?.type === 'text' && first.text !== undefined) first.text = first.text.replace(/^\s+/, '')
    if (last?.type === 'text' && last.text !== undefined) last.text = last.text.replace(/\s+$/, '')
    node.children = texts.filter((child) => child.type !== 'text' || child.text !== '')
  }
  for (const child of node.children) trimCells(child, inCell)
}

/** Markdown -> Lexical JSON, through Lexical's own markdown transformers (GFM tables included). */
export const markdownToLexical = async ({ config, markdown }: { config: SanitizedConfig; markdown: string }) => {
  const editorConfig = await editorConfigFor(config)
  const state = convertMarkdownToLexical({ editorConfig, markdown: normalizeMarkdown(markdown) })
  trimCells(state.root as unknown as LexicalNode)
  return state
}
