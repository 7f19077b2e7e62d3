/**
 * What one REST or GraphQL request may ask for. Measured on 2 cores with
 * pages of ten blocks (tests/security/query-limits.test.ts): the largest
 * request these allow is answered in well under a second and 50 MB.
 */
export const QUERY_LIMITS = {
  /**
   * REST `depth`: how many levels of relationships are filled in. Payload's default, 2, is also the
   * most: from 3 on, the joins of filled-in documents are filled in too (a page's site with its pages).
   */
  maxDepth: 2,
  /** REST `limit` on reads. */
  maxLimit: 100,
  /** REST `limit` when `depth=0` (the admin's list cells ask for 250 titles at once), and a top-level GraphQL list's. */
  maxLimitAtDepthZero: 250,
  /** A join's `limit` (REST `joins[name][limit]`, GraphQL `name(limit:)`). */
  maxJoinLimit: 100,
  /** Documents one request may read: top-level documents and everything joined or filled in below them. */
  maxDocuments: 500,
  /** GraphQL: fields nested in fields. */
  maxGraphqlDepth: 12,
  /** GraphQL introspection outside production: values in the answer (the full introspection query of our schema is ~180,000). */
  maxIntrospectionValues: 250_000,
} as const

export type QueryLimits = typeof QUERY_LIMITS
