import type { Access, Where } from 'payload'

import { normalizeDomain } from '@/fields/validators'
import { isAdminUser } from './roles'

/**
 * Payload asks the delete rule twice: with `data.deletedAt` set when a
 * document is moved to the trash, without it when it is deleted for good
 * (emptying the trash, or a plain DELETE).
 */
export const isTrashing = (data: unknown): boolean =>
  Boolean(data && typeof data === 'object' && (data as { deletedAt?: unknown }).deletedAt)

/**
 * Whoever `canTrash` lets in may move documents to the trash (and restore
 * them, which is an update); only admins delete for good.
 */
export const trashOrAdminDelete =
  (canTrash: Access): Access =>
  (args) =>
    isTrashing(args.data) ? canTrash(args) : isAdminUser(args.req.user)

/** The domain typed to confirm moving a site to the trash (`confirmDomain` beside `deletedAt`), normalized like the field. */
export const typedDomain = (data: unknown): string | null => {
  const raw = data && typeof data === 'object' ? (data as { confirmDomain?: unknown }).confirmDomain : undefined
  return typeof raw === 'string' && raw.trim() !== '' ? normalizeDomain(raw) : null
}

/**
 * Sites leave in two steps, both for admins: to the trash only with the
 * site's domain typed (so Payload's own Delete, which asks for nothing, is
 * not offered), then for good only from the trash.
 */
export const canDeleteSite: Access = ({ req, data }) => {
  if (!isAdminUser(req.user)) return false
  const inTrash: Where = { deletedAt: { exists: true } }
  if (!isTrashing(data)) return inTrash
  const typed = typedDomain(data)
  const confirmed: Where = { domain: { equals: typed } }
  return typed ? confirmed : false
}
