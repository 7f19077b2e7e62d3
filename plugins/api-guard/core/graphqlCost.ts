import {
  type ASTVisitor,
  type FieldNode,
  type FragmentDefinitionNode,
  getNamedType,
  getNullableType,
  GraphQLError,
  type GraphQLNamedType,
  type GraphQLSchema,
  isInterfaceType,
  isListType,
  isObjectType,
  isUnionType,
  Kind,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  valueFromASTUntyped,
} from 'graphql'

import { type IntrospectionMemo, introspectionValues } from './introspectionCost'
import { QUERY_LIMITS, type QueryLimits } from './limits'

/** Which limit a refused query went past (in the error's `extensions.limit`). */
export type QueryLimitName = 'depth' | 'limit' | 'documents' | 'introspection'

export type CostRuleOptions = {
  variables?: Record<string, unknown> | null
  limits?: QueryLimits
  /** Introspection is refused by another rule (production): no need to count it. */
  isIntrospectionOff?: boolean
  /** Told once per refused request, before the error is reported. */
  onRefusal?: (limit: QueryLimitName) => void
}

/** Payload's find reads 10 documents when no limit is given. */
const FIND_DEFAULT_LIMIT = 10
/** Lists without a limit argument (hasMany relationships, blocks, arrays): their documents are counted this many times. */
const ASSUMED_LIST_SIZE = 10

class Refusal extends Error {
  constructor(
    message: string,
    readonly limit: QueryLimitName,
    readonly node: FieldNode,
  ) {
    super(message)
  }
}

type FieldsOf = { getFields(): Record<string, { type: Parameters<typeof getNamedType>[0]; args: readonly { name: string }[] }> }

const fieldsOf = (type: GraphQLNamedType | undefined | null): FieldsOf | undefined =>
  type && (isObjectType(type) || isInterfaceType(type)) ? type : undefined

/** Collection documents have an id and timestamps; array rows, blocks and groups do not. */
const isDocumentType = (type: GraphQLNamedType): boolean => {
  if (isUnionType(type)) return type.getTypes().some(isDocumentType)
  const fields = fieldsOf(type)?.getFields()
  return Boolean(fields && 'id' in fields && 'createdAt' in fields && 'updatedAt' in fields)
}

type Walk = {
  schema: GraphQLSchema
  fragments: Record<string, FragmentDefinitionNode>
  variables: Record<string, unknown> | null | undefined
  limits: QueryLimits
  introspection: number
  introspectionMemo: IntrospectionMemo
  isIntrospectionOff: boolean
}

const argument = (field: FieldNode, name: string, walk: Walk): unknown => {
  const node = field.arguments?.find((arg) => arg.name.value === name)?.value
  return node ? valueFromASTUntyped(node, walk.variables ?? undefined) : undefined
}

/**
 * How many documents a field can read. A field with a `limit` argument
 * (a collection query, a join, versions) answers a page: its `docs` list
 * holds at most `limit` documents. A join without a limit reads every
 * document it joins, so it is refused rather than estimated.
 */
const fieldCost = (field: FieldNode, parent: GraphQLNamedType, depth: number, path: string, walk: Walk, pageSize?: number): number => {
  const name = field.name.value
  const label = path ? `${path}.${field.alias?.value ?? name}` : (field.alias?.value ?? name)
  if (depth > walk.limits.maxGraphqlDepth) {
    throw new Refusal(`The query nests fields ${depth} deep at ${label}; the most is ${walk.limits.maxGraphqlDepth}. Ask for fewer levels and fetch the rest in a second query.`, 'depth', field)
  }
  if (name === '__typename') return 0
  if (name === '__schema' || name === '__type') {
    if (walk.isIntrospectionOff) return 0
    const budget = walk.limits.maxIntrospectionValues - walk.introspection
    walk.introspection += introspectionValues({ schema: walk.schema, field, fragments: walk.fragments, variables: walk.variables, budget, memo: walk.introspectionMemo })
    if (walk.introspection > walk.limits.maxIntrospectionValues) {
      throw new Refusal(`This introspection query answers with more than ${walk.limits.maxIntrospectionValues} values; ask for fewer nested types and fields.`, 'introspection', field)
    }
    return 0
  }
  const definition = fieldsOf(parent)?.getFields()[name]
  const type = definition && getNamedType(definition.type)
  if (!definition || !type) return 0 // unknown fields are reported by GraphQL's own rules
  const self = isDocumentType(type) ? 1 : 0
  const isRoot = parent === walk.schema.getQueryType() || parent === walk.schema.getMutationType()

  if (definition.args.some((arg) => arg.name === 'limit')) {
    // a join's limit is capped like REST's; a top-level list like REST's at depth 0, since nothing is filled in unasked
    const max = isRoot ? walk.limits.maxLimitAtDepthZero : walk.limits.maxJoinLimit
    const limit = argument(field, 'limit', walk)
    if (argument(field, 'pagination', walk) === false) {
      throw new Refusal(`${label}(pagination: false) would read every document at once; page through them with limit (1 to ${max}) and page.`, 'limit', field)
    }
    let size: number
    if (limit === undefined || limit === null) {
      if (!isRoot) {
        throw new Refusal(`${label} has no limit, so every joined document would be read; give it one, e.g. ${name}(limit: 20) (1 to ${max}).`, 'limit', field)
      }
      size = FIND_DEFAULT_LIMIT
    } else if (limit === 0 && !isRoot && argument(field, 'count', walk) === true) {
      size = 0 // only the count is read
    } else if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > max) {
      throw new Refusal(`${label}(limit: ${JSON.stringify(limit)}) is outside the limit: ask for 1 to ${max} documents and page through the rest with page.`, 'limit', field)
    } else {
      size = limit
    }
    return self + selectionCost(field.selectionSet, type, depth, label, walk, size)
  }
  const children = selectionCost(field.selectionSet, type, depth, label, walk)
  if (isListType(getNullableType(definition.type))) {
    const size = name === 'docs' && pageSize !== undefined ? pageSize : ASSUMED_LIST_SIZE
    return size * (self + children)
  }
  return self + children
}

/**
 * Fields that apply to every item add up; fragments on one of several types
 * (blocks, polymorphic relationships) cost the dearest of them, since each
 * item is only one type.
 */
const selectionCost = (set: SelectionSetNode | undefined, parent: GraphQLNamedType, depth: number, path: string, walk: Walk, pageSize?: number, active = new Set<string>()): number => {
  if (!set) return 0
  let common = 0
  const byType = new Map<string, number>()
  const add = (typeName: string | undefined, cost: number) => {
    if (!typeName || typeName === parent.name) common += cost
    else byType.set(typeName, (byType.get(typeName) ?? 0) + cost)
  }
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      common += fieldCost(selection, parent, depth + 1, path, walk, pageSize)
      continue
    }
    let fragmentSet: SelectionSetNode
    let typeName: string | undefined
    let nextActive = active
    if (selection.kind === Kind.INLINE_FRAGMENT) {
      fragmentSet = selection.selectionSet
      typeName = selection.typeCondition?.name.value
    } else {
      const name = selection.name.value
      const fragment = walk.fragments[name]
      if (!fragment || active.has(name)) continue // cycles are reported by GraphQL's own rules
      fragmentSet = fragment.selectionSet
      typeName = fragment.typeCondition.name.value
      nextActive = new Set(active).add(name)
    }
    const type = (typeName && walk.schema.getType(typeName)) || parent
    add(typeName, selectionCost(fragmentSet, type, depth, path, walk, pageSize, nextActive))
  }
  return common + Math.max(0, ...byType.values())
}

const operationCost = (operation: OperationDefinitionNode, walk: Walk): { total: number; parts: [string, number][] } => {
  const root = operation.operation === 'mutation' ? walk.schema.getMutationType() : operation.operation === 'subscription' ? walk.schema.getSubscriptionType() : walk.schema.getQueryType()
  if (!root) return { total: 0, parts: [] }
  const parts: [string, number][] = []
  for (const selection of operation.selectionSet.selections) {
    const cost = selectionCost({ kind: Kind.SELECTION_SET, selections: [selection] }, root, 0, '', walk)
    const name = selection.kind === Kind.FIELD ? (selection.alias?.value ?? selection.name.value) : '…'
    parts.push([name, cost])
  }
  return { total: parts.reduce((sum, [, cost]) => sum + cost, 0), parts }
}

/**
 * A GraphQL validation rule that refuses, before anything runs, a query that
 * nests too deep, asks a list for no limit or too large a one, or could read
 * more documents than one request may (every list's limit multiplied down
 * the tree, so nested joins count as what they cost).
 */
export const queryCostRule =
  (options: CostRuleOptions = {}) =>
  (context: ValidationContext): ASTVisitor => ({
    Document: {
      leave(document) {
        const limits = options.limits ?? QUERY_LIMITS
        const fragments: Record<string, FragmentDefinitionNode> = {}
        for (const definition of document.definitions) {
          if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition
        }
        for (const definition of document.definitions) {
          if (definition.kind !== Kind.OPERATION_DEFINITION) continue
          const walk: Walk = { schema: context.getSchema(), fragments, variables: options.variables, limits, introspection: 0, introspectionMemo: new Map(), isIntrospectionOff: options.isIntrospectionOff ?? false }
          try {
            const { total, parts } = operationCost(definition, walk)
            if (total > limits.maxDocuments) {
              const largest = parts.sort((a, b) => b[1] - a[1])[0]
              options.onRefusal?.('documents')
              context.reportError(
                new GraphQLError(
                  `This query could read ${total} documents (${largest[0]}: ${largest[1]}); the most one query may read is ${limits.maxDocuments}. ` +
                    'Give the lists smaller limits or select fewer nested relationships and joins.',
                  { nodes: [definition], extensions: { code: 'QUERY_LIMIT', limit: 'documents' } },
                ),
              )
            }
          } catch (err) {
            if (!(err instanceof Refusal)) throw err
            options.onRefusal?.(err.limit)
            context.reportError(new GraphQLError(err.message, { nodes: [err.node], extensions: { code: 'QUERY_LIMIT', limit: err.limit } }))
          }
        }
      },
    },
  })
