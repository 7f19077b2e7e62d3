/**
 * The page Payload's live preview loads in its iframe. It renders the page
 * (GET ?frame=1: the saved draft) into an inner frame, tells the admin it is
 * ready, and from then on posts every form change (debounced) back to the
 * route, which renders the unsaved values through the builder; the result
 * replaces the inner frame's document, keeping the scroll position.
 */
export const liveShell = ({ title }: { title: string }): string => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="robots" content="noindex">
<title>Live preview: ${title.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)}</title>
<style>html,body{margin:0;height:100%;background:#fff}iframe{display:block;border:0;width:100%;height:100%}</style>
</head>
<body>
<iframe id="page" title="Page preview"></iframe>
<script>
(() => {
  const frame = document.getElementById('page')
  const endpoint = location.pathname
  let shown = null, latest = 0, timer = null, lastData = null
  const show = (html) => {
    if (html === shown) return
    shown = html
    const y = frame.contentWindow ? frame.contentWindow.scrollY : 0
    frame.addEventListener('load', () => frame.contentWindow && frame.contentWindow.scrollTo(0, y), { once: true })
    frame.srcdoc = html
  }
  const load = async (init) => {
    const seq = ++latest
    try {
      const res = await fetch(endpoint + '?frame=1', { credentials: 'same-origin', cache: 'no-store', ...init })
      const html = await res.text()
      if (seq === latest) show(html)
    } catch (err) {
      if (seq === latest) show('<p style="font-family:system-ui;padding:2rem">The preview could not be loaded: ' + String(err).replace(/</g, '&lt;') + '</p>')
    }
  }
  const renderLater = () => {
    clearTimeout(timer)
    timer = setTimeout(() => load({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ data: lastData }) }), 250)
  }
  window.addEventListener('message', (event) => {
    if (event.origin !== location.origin || !event.data || typeof event.data !== 'object') return
    if (event.data.type === 'payload-live-preview' && event.data.data) {
      lastData = event.data.data
      renderLater()
    } else if (event.data.type === 'payload-document-event' && lastData) {
      renderLater() // something the page uses was saved elsewhere (a media document in a drawer): render again
    }
  })
  load()
  const ready = { type: 'payload-live-preview', ready: true }
  if (window.parent !== window) window.parent.postMessage(ready, location.origin)
  if (window.opener) window.opener.postMessage(ready, location.origin)
})()
</script>
</body>
</html>
`
