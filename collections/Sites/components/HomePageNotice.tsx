import type { UIFieldServerProps } from 'payload'

import { homePageStatus, type HomePageStatus } from '../homePage'

type Notice = { tone: 'warning' | 'info'; text: string }

// a draft may not have its slug yet (it is made from the title when the page is first published)
const quoted = (page: { title: string; slug?: string | null }) => `"${page.title}" (/${page.slug ?? ''})`

export const homePageNotice = (status: HomePageStatus): Notice | null => {
  switch (status.kind) {
    case 'chosen':
      return null
    case 'implicit':
      return { tone: 'info', text: `No home page is chosen, so the page with the slug "index", ${quoted(status.page)}, is served at "/". Choose it above to keep it the home page whatever its slug.` }
    case 'unpublished':
      return { tone: 'warning', text: `The home page ${quoted(status.page)} is not published: until it is, "/" of the published site, its logo and its Home links lead nowhere. Publish it, or choose a published page above.` }
    case 'missing':
      return status.pages === 0
        ? { tone: 'warning', text: 'This site has no home page yet: the first page you create becomes it (you can choose another above).' }
        : { tone: 'warning', text: 'This site has no home page: "/" of the published site, its logo and its Home links lead nowhere. Choose one of its pages above.' }
  }
}

const TONES = {
  warning: { background: 'var(--theme-warning-100, #fff4e5)', border: 'var(--theme-warning-500, #f59e0b)' },
  info: { background: 'var(--theme-elevation-50, #f3f4f6)', border: 'var(--theme-elevation-250, #d1d5db)' },
} as const

/**
 * Under the site's Home page field: a warning while the site has no home page (or only an unpublished
 * one), a note while the "index" page stands in for one; nothing once a published page is chosen.
 */
export const HomePageNotice = async ({ payload, req, id, data }: Pick<UIFieldServerProps, 'payload' | 'req' | 'id' | 'data'>) => {
  if (id === undefined || id === null) return null
  const notice = homePageNotice(await homePageStatus({ payload, req, siteId: id, homePage: data?.homePage }))
  if (!notice) return null
  const tone = TONES[notice.tone]
  return (
    <div
      className={`home-page-notice home-page-notice--${notice.tone}`}
      role={notice.tone === 'warning' ? 'alert' : 'status'}
      style={{
        background: tone.background,
        borderLeft: `4px solid ${tone.border}`,
        borderRadius: 'var(--style-radius-s, 4px)',
        padding: 'calc(var(--base, 20px) * 0.6) calc(var(--base, 20px) * 0.8)',
        marginBottom: 'var(--base, 20px)',
      }}
    >
      {notice.text}
    </div>
  )
}
