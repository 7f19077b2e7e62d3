import type { User } from '@/payload-types'

export type Role = 'admin' | 'editor'

type MaybeUser = (Partial<Pick<User, 'role'>> & { collection?: string }) | null | undefined

/** Only documents of the `users` collection carry roles; any other auth collection is never admin. */
export const isAdminUser = (user: MaybeUser): boolean =>
  Boolean(user && (user.collection === undefined || user.collection === 'users') && user.role === 'admin')
