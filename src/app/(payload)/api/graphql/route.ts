/* THIS FILE WAS GENERATED AUTOMATICALLY BY PAYLOAD. */
/* DO NOT MODIFY IT BECAUSE IT COULD BE REWRITTEN AT ANY TIME. */
// Panel: the one change is withQueryLimitStatus, so a query refused by the query limits answers 400 (plugins/api-guard).
import config from '@payload-config'
import { GRAPHQL_POST, REST_OPTIONS } from '@payloadcms/next/routes'

import { withQueryLimitStatus } from '@/plugins/api-guard/graphqlStatus'

export const POST = withQueryLimitStatus(GRAPHQL_POST(config))

export const OPTIONS = REST_OPTIONS(config)
