/** Set on a GraphQL answer refused by the query limits; its value names the limit. */
export const QUERY_LIMIT_HEADER = 'x-query-limit'

/**
 * For the GraphQL route: graphql-http answers a refused query (a validation
 * error) with 200 when the client accepts application/json, as the
 * GraphQL-over-HTTP spec asks; a query refused for going past our limits is
 * a 400, like its REST twin. The query-cost rule marks the answer.
 */
export const withQueryLimitStatus =
  (handler: (request: Request) => Promise<Response>) =>
  async (request: Request): Promise<Response> => {
    const response = await handler(request)
    if (response.status !== 200 || !response.headers.has(QUERY_LIMIT_HEADER)) return response
    return new Response(response.body, { status: 400, statusText: 'Bad Request', headers: response.headers })
  }
