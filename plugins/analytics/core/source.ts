import { memo } from './memo'
import type { Source } from './types'

/** Hosts (and their subdomains) whose referrals are searches. */
export const SEARCH_ENGINES = [
  'google.com', 'google', 'bing.com', 'duckduckgo.com', 'yahoo.com', 'search.yahoo.com', 'yandex.ru', 'yandex.com', 'ya.ru',
  'baidu.com', 'ecosia.org', 'search.brave.com', 'qwant.com', 'startpage.com', 'naver.com', 'seznam.cz', 'sogou.com',
  'so.com', 'ask.com', 'aol.com', 'perplexity.ai', 'kagi.com', 'mojeek.com', 'yep.com',
]
/** Social networks and link shorteners they use. */
export const SOCIAL_NETWORKS = [
  'facebook.com', 'fb.com', 'fb.me', 'instagram.com', 'twitter.com', 'x.com', 't.co', 'linkedin.com', 'lnkd.in',
  'reddit.com', 'pinterest.com', 'youtube.com', 'youtu.be', 'tiktok.com', 'vk.com', 'ok.ru', 'threads.net',
  'bsky.app', 'mastodon.social', 'tumblr.com', 'quora.com', 'snapchat.com', 'telegram.org', 't.me', 'whatsapp.com',
  'wa.me', 'news.ycombinator.com', 'discord.com', 'weibo.com',
]
/** Web mail: a click in a newsletter read in the browser. */
export const WEBMAIL = ['mail.google.com', 'outlook.live.com', 'outlook.office.com', 'outlook.office365.com', 'mail.yahoo.com', 'mail.yandex.ru', 'mail.proton.me', 'mail.aol.com', 'webmail']

const PAID_MEDIUMS = new Set(['cpc', 'ppc', 'paid', 'paidsearch', 'paid_search', 'paid-search', 'cpm', 'cpv', 'cpa', 'display', 'banner', 'retargeting', 'paid_social', 'paidsocial', 'paid-social', 'ads', 'ad'])
const SOCIAL_MEDIUMS = new Set(['social', 'social-network', 'social_network', 'social-media', 'social_media', 'sm'])
const EMAIL_MEDIUMS = new Set(['email', 'e-mail', 'e_mail', 'newsletter', 'mail'])
const ORGANIC_MEDIUMS = new Set(['organic', 'seo'])
const REFERRAL_MEDIUMS = new Set(['referral', 'link', 'affiliate', 'partner'])

/** true when `host` is `domain` or one of its subdomains; a bare label ("google") matches any of its country domains. */
export const hostMatches = (host: string, domain: string): boolean => {
  if (!domain.includes('.')) return host.split('.').includes(domain) && /\.(?:[a-z]{2,3}|co\.[a-z]{2}|com\.[a-z]{2})$/.test(host)
  return host === domain || host.endsWith(`.${domain}`)
}

const inList = (host: string, list: string[]): boolean => list.some((d) => hostMatches(host, d))

/** The referrer's host name in lower case without "www.", or null when there is none (or it is not http). */
export const referrerHostOf = (referrer: string | null | undefined): string | null => {
  if (!referrer) return null
  try {
    const url = new URL(referrer)
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null
    return hostOfUrl(url)
  } catch {
    return null
  }
}

/** An already parsed http(s) URL's host as referrerHostOf gives it. */
export const hostOfUrl = (url: URL): string | null => url.hostname.toLowerCase().replace(/^www\./, '') || null

export type SourceInput = {
  /** The referrer's host (referrerHostOf). */
  referrerHost: string | null
  /** The site's own domain: a referral from itself is not a source. */
  siteDomain: string
  /** The page URL's query (utm_*, gclid, fbclid, msclkid). */
  params: URLSearchParams
}

/**
 * Where a visit came from, decided once at ingest. Campaign tags win over the
 * referrer (a tagged newsletter link opened in web mail is email, a gclid is
 * paid whatever the referrer says), then the referrer's kind.
 */
export const classifySource = ({ referrerHost, siteDomain, params }: SourceInput): Source => {
  const medium = (params.get('utm_medium') ?? '').trim().toLowerCase()
  const utmSource = (params.get('utm_source') ?? '').trim().toLowerCase()
  if (params.has('gclid') || params.has('msclkid') || params.has('gbraid') || params.has('wbraid') || PAID_MEDIUMS.has(medium)) return 'paid'
  if (EMAIL_MEDIUMS.has(medium) || EMAIL_MEDIUMS.has(utmSource)) return 'email'
  if (SOCIAL_MEDIUMS.has(medium) || params.has('fbclid') || params.has('ttclid') || params.has('twclid')) return 'social'
  if (ORGANIC_MEDIUMS.has(medium)) return 'organic'
  if (REFERRAL_MEDIUMS.has(medium)) return 'referral'
  const own = siteDomain.toLowerCase().replace(/^www\./, '')
  if (!referrerHost || hostMatches(referrerHost, own)) {
    // a tag with no known medium still says the visitor did not type the address
    return utmSource ? 'referral' : 'direct'
  }
  return referrerKind(referrerHost)
}

/** What kind of place another site is (the lists are walked once per distinct host). */
const referrerKind = memo((host: string): Source => {
  if (inList(host, WEBMAIL) || host.startsWith('webmail.') || host.startsWith('mail.')) return 'email'
  if (inList(host, SEARCH_ENGINES)) return 'organic'
  if (inList(host, SOCIAL_NETWORKS)) return 'social'
  return 'referral'
})
