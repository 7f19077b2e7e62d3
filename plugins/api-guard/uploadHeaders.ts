type ModifyHeaders = (args: { headers: Headers }) => Headers | void

/**
 * Every file served from an upload collection: the browser must believe the
 * Content-Type (a JPEG with HTML appended stays a JPEG), and anything but an
 * image is downloaded rather than opened, since it is served from Panel's own
 * origin. Images, video and audio still play inline in <img>/<video>: the
 * disposition only applies when the file itself is opened.
 */
export const uploadResponseHeaders =
  (previous?: ModifyHeaders): ModifyHeaders =>
  ({ headers }) => {
    const result = previous?.({ headers }) ?? headers
    result.set('X-Content-Type-Options', 'nosniff')
    const type = (result.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if (!type.startsWith('image/')) result.set('Content-Disposition', 'attachment')
    return result
  }
