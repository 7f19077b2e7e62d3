import type { RelationshipField, Where } from 'payload'

/** Every block may name the prompt its Generate button uses; blank means the block type's default prompt. */
export const promptField = ({ blockType }: { blockType: string }): RelationshipField => ({
  name: 'prompt',
  type: 'relationship',
  relationTo: 'prompts',
  admin: {
    description: 'The AI prompt for this block. Leave empty to use the default prompt for this block type.',
  },
  filterOptions: (): Where => ({ and: [{ active: { equals: true } }, { blockType: { in: [blockType, 'any'] } }] }),
})
