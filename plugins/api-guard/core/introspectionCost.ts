import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type GraphQLType,
  isAbstractType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isListType,
  isNamedType,
  isNonNullType,
  isObjectType,
  Kind,
  type SelectionSetNode,
  valueFromASTUntyped,
} from 'graphql'

type IntrospectionKind = '__Schema' | '__Type' | '__Field' | '__InputValue' | '__EnumValue' | '__Directive'
type Children = { kind: IntrospectionKind; values: readonly object[] }

const NONE: Children = { kind: '__Type', values: [] }

/** Lists the schema hands out on every call (getFields() copies nothing, Object.values does): made once per object. */
const listed = new WeakMap<object, readonly object[]>()
const once = (owner: object, make: () => readonly object[]): readonly object[] => {
  let values = listed.get(owner)
  if (!values) listed.set(owner, (values = make()))
  return values
}

/** The introspection objects one field of a schema object leads to (several, one, or none for a scalar field). */
const childrenOf = (schema: GraphQLSchema, kind: IntrospectionKind, value: object, field: string): Children => {
  switch (kind) {
    case '__Schema': {
      if (field === 'types') return { kind: '__Type', values: once(schema, () => Object.values(schema.getTypeMap())) }
      if (field === 'directives') return { kind: '__Directive', values: schema.getDirectives() }
      const root = field === 'queryType' ? schema.getQueryType() : field === 'mutationType' ? schema.getMutationType() : field === 'subscriptionType' ? schema.getSubscriptionType() : undefined
      return root ? { kind: '__Type', values: [root] } : NONE
    }
    case '__Type': {
      const type = value as GraphQLType
      if (field === 'ofType') return isListType(type) || isNonNullType(type) ? { kind: '__Type', values: [type.ofType] } : NONE
      if (!isNamedType(type)) return NONE
      if (field === 'fields' && (isObjectType(type) || isInterfaceType(type))) return { kind: '__Field', values: once(type, () => Object.values(type.getFields())) }
      if (field === 'interfaces' && (isObjectType(type) || isInterfaceType(type))) return { kind: '__Type', values: type.getInterfaces() }
      if (field === 'possibleTypes' && isAbstractType(type)) return { kind: '__Type', values: schema.getPossibleTypes(type) }
      if (field === 'enumValues' && isEnumType(type)) return { kind: '__EnumValue', values: type.getValues() }
      if (field === 'inputFields' && isInputObjectType(type)) return { kind: '__InputValue', values: once(type, () => Object.values(type.getFields())) }
      return NONE
    }
    case '__Field':
      if (field === 'args') return { kind: '__InputValue', values: (value as { args: readonly object[] }).args }
      return field === 'type' ? { kind: '__Type', values: [(value as { type: GraphQLType }).type] } : NONE
    case '__InputValue':
      return field === 'type' ? { kind: '__Type', values: [(value as { type: GraphQLType }).type] } : NONE
    case '__Directive':
      return field === 'args' ? { kind: '__InputValue', values: (value as { args: readonly object[] }).args } : NONE
    default:
      return NONE
  }
}

/** Counts already made for one query: (selection set, schema object) pairs repeat, through fragments and aliases. */
export type IntrospectionMemo = Map<SelectionSetNode, Map<object, number>>

/**
 * How many values an introspection field (`__schema`, or `__type(name:)`)
 * answers with, counted on the schema itself rather than estimated: the
 * schema is in memory and its shape is known. Each (schema object, selection)
 * pair is counted once and remembered, and counting stops past `budget`, so a
 * query whose answer would explode costs little to check.
 */
export const introspectionValues = ({
  schema,
  field,
  fragments,
  variables,
  budget,
  memo = new Map(),
}: {
  schema: GraphQLSchema
  field: FieldNode
  fragments: Record<string, FragmentDefinitionNode>
  variables: Record<string, unknown> | null | undefined
  budget: number
  memo?: IntrospectionMemo
}): number => {
  let start: [IntrospectionKind, object] | undefined
  if (field.name.value === '__schema') start = ['__Schema', schema]
  else if (field.name.value === '__type') {
    const argument = field.arguments?.find((arg) => arg.name.value === 'name')?.value
    const name = argument ? valueFromASTUntyped(argument, variables ?? undefined) : undefined
    const type = typeof name === 'string' ? schema.getType(name) : undefined
    if (type) start = ['__Type', type]
  }
  const count = (kind: IntrospectionKind, value: object, set: SelectionSetNode | undefined, active: ReadonlySet<string>): number => {
    if (!set) return 0
    let known = memo.get(set)
    if (!known) memo.set(set, (known = new Map()))
    const remembered = known.get(value)
    if (remembered !== undefined) return remembered
    let total = 0
    for (const selection of set.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        total += count(kind, value, selection.selectionSet, active)
      } else if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const name = selection.name.value
        // a fragment that spreads itself is reported by GraphQL's own rules; here it only must end
        if (!active.has(name) && fragments[name]) total += count(kind, value, fragments[name].selectionSet, new Set(active).add(name))
      } else {
        total += 1
        if (selection.selectionSet) {
          const children = childrenOf(schema, kind, value, selection.name.value)
          for (const child of children.values) {
            total += count(children.kind, child, selection.selectionSet, active)
            if (total > budget) break
          }
        }
      }
      if (total > budget) break
    }
    known.set(value, total)
    return total
  }
  return 1 + (start ? count(start[0], start[1], field.selectionSet, new Set()) : 0)
}
