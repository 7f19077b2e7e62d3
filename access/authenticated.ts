import type { Access } from 'payload'

/** Any signed-in user. Site scoping is added on top by the multi-tenant plugin. */
export const authenticated: Access = ({ req }) => Boolean(req.user)
