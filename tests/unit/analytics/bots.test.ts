import { describe, expect, it } from 'vitest'

import { isBotUserAgent, isReferrerSpam, REFERRER_SPAM } from '@/plugins/analytics/core/bots'

const BROWSERS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  'Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
]

const BOTS = [
  'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
  'Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)',
  'Mozilla/5.0 (compatible; AhrefsBot/7.0; +http://ahrefs.com/robot/)',
  'Mozilla/5.0 (compatible; SemrushBot/7~bl; +http://www.semrush.com/bot.html)',
  'facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)',
  'Twitterbot/1.0',
  'Mozilla/5.0 AppleWebKit/537.36 (KHTML, like Gecko; compatible; GPTBot/1.2; +https://openai.com/gptbot)',
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (Unknown; Linux x86_64) AppleWebKit/538.1 (KHTML, like Gecko) PhantomJS/2.1.1 Safari/538.1',
  'Mozilla/5.0 (Linux; Android 11; moto g power (2022)) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Mobile Safari/537.36 Chrome-Lighthouse',
  'curl/8.5.0',
  'Wget/1.21.4',
  'python-requests/2.32.3',
  'Go-http-client/2.0',
  'axios/1.7.7',
  'node-fetch/1.0 (+https://github.com/bitinn/node-fetch)',
  'Java/17.0.2',
  '',
  'Mozilla',
]

describe('bots', () => {
  it.each(BROWSERS)('counts a browser: %s', (ua) => expect(isBotUserAgent(ua)).toBe(false))
  it.each(BOTS)('drops a crawler, headless browser or script: %s', (ua) => expect(isBotUserAgent(ua)).toBe(true))
  it('drops a missing user agent', () => expect(isBotUserAgent(undefined)).toBe(true))
})

describe('referrer spam', () => {
  it('drops listed domains and their subdomains', () => {
    expect(isReferrerSpam('semalt.com')).toBe(true)
    expect(isReferrerSpam('x.buttons-for-website.com')).toBe(true)
    expect(isReferrerSpam('darodar.com')).toBe(true)
    expect(REFERRER_SPAM.length).toBeGreaterThan(40)
  })
  it('keeps ordinary referrers and look-alikes', () => {
    expect(isReferrerSpam('google.com')).toBe(false)
    expect(isReferrerSpam('notsemalt.com')).toBe(false)
    expect(isReferrerSpam(null)).toBe(false)
  })
})
