import type { ClientUser } from 'payload'

import { isAdminUser } from './roles'

/**
 * `admin.hidden` for what only admins manage (templates, footprints,
 * languages, prompts, tokens, raw analytics and AI runs): editors get no
 * nav entry and no list or edit route for it (a 404 that says only admins
 * can open it), while relationship fields that pick from it keep working.
 * The API is unchanged: access rules decide what anyone may read.
 */
export const hiddenFromEditors = ({ user }: { user: ClientUser | null | undefined }): boolean => !isAdminUser(user as never)
