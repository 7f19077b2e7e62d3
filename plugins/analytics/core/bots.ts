import { isbot } from 'isbot'

import { memo } from './memo'
import { hostMatches } from './source'

/**
 * Automation that isbot's crawler list does not name: headless browsers and
 * browser-automation and HTTP libraries. Checked after isbot.
 */
const AUTOMATION = /headless|phantomjs|slimerjs|puppeteer|playwright|selenium|webdriver|electron\/|lighthouse|pagespeed|chrome-lighthouse|cypress|nightmare|htmlunit|jsdom|zombie\.js|python-requests|python-urllib|aiohttp|httpx|go-http-client|java\/|okhttp|axios|node-fetch|undici|got \(|curl\/|wget\/|libwww|httpie|postmanruntime|insomnia/i

/** A user agent we do not count: missing, implausibly short, a crawler (isbot) or automation. */
export const isBotUserAgent = (ua: string | null | undefined): boolean => {
  if (!ua || ua.length < 12) return true
  return isKnownBot(ua)
}

// isbot's pattern is long: each distinct user agent is tested once
const isKnownBot = memo((ua: string) => isbot(ua) || AUTOMATION.test(ua))

/**
 * Known referrer-spam domains (ghost referrals that advertise themselves in
 * analytics reports). A referral from one of them, or a subdomain, is dropped.
 */
export const REFERRER_SPAM = [
  'semalt.com', 'semalt.semalt.com', 'buttons-for-website.com', 'buttons-for-your-website.com', 'darodar.com', 'ilovevitaly.com',
  'ilovevitaly.ru', 'priceg.com', 'hulfingtonpost.com', 'best-seo-offer.com', 'best-seo-solution.com', 'buy-cheap-online.info',
  '7makemoneyonline.com', 'econom.co', 'makemoneyonline.com', 'cenoval.ru', 'blackhatworth.com', 'trafficmonetize.com',
  'free-social-buttons.com', 'social-buttons.com', 'get-free-traffic-now.com', '4webmasters.org', 'floating-share-buttons.com',
  'traffic2money.com', 'simple-share-buttons.com', 'event-tracking.com', 'success-seo.com', 'video--production.com',
  'rank-checker.online', 'seo-platform.com', 'webmonetizer.net', 'site-auditor.online', 'kambasoft.com', 'savetubevideo.com',
  'screentoolkit.com', 'uptime-as.net', 'monetizationking.net', 'offers.bycontext.com', 'fix-website-errors.com',
  'googlsucks.com', 'o-o-6-o-o.com', 'o-o-8-o-o.com', 'sanjosestartups.com', 'sexyali.com', 'smailik.org', 'social-widget.xyz',
  'trafficgenius.xyz', 'undergroundcityphoto.com', 'vitaly.ru', 'websocial.me', 'ykecwqlixx.ru', 'zverokruh-shop.cz',
]

export const isReferrerSpam = (referrerHost: string | null): boolean => referrerHost !== null && isSpamHost(referrerHost)

const isSpamHost = memo((host: string) => REFERRER_SPAM.some((domain) => hostMatches(host, domain)))
