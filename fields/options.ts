/**
 * Select and radio options from a map of value -> label. Typed with the values' union
 * (`labelledOptions<Source>({...})`), a value without a label is a type error, so a list
 * kept in a constant elsewhere cannot grow an option that shows its raw code in the admin.
 */
export const labelledOptions = <T extends string>(labels: Record<T, string>): { label: string; value: T }[] =>
  (Object.entries(labels) as [T, string][]).map(([value, label]) => ({ label, value }))
