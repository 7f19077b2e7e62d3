/**
 * Payload's own words where they mislead a signed-in editor: its page for a
 * route one may not use says "Unauthorized, you must be logged in" (shown to
 * people who are logged in), a list or document one may not read answers a
 * bare "Nothing found". Panel's answer is almost always one of two reasons:
 * only admins can do it, or it belongs to a site the editor does not manage.
 * These keys are used only by those admin views and by Payload's
 * UnauthorizedError (401), whose text still tells a signed-out caller to sign in.
 */
export const adminMessages = {
  en: {
    error: {
      unauthorized:
        'Only admins can do this, or it belongs to a site you do not manage. If you were signed out, sign in again.',
      notAllowedToAccessPage: 'Ask an admin if you need it.',
      documentNotFound:
        'The document with ID {{id}} could not be found: it was deleted, it never existed, or it belongs to a site you do not manage.',
    },
    general: {
      nothingFound: 'Nothing here for you',
      sorryNotFound:
        'This page does not exist, only admins can open it (templates, footprints, languages, prompts, API tokens, raw analytics and AI runs), or it belongs to a site you do not manage.',
    },
  },
}
