import { describe, expect, it } from 'vitest'

import { classifySource, referrerHostOf } from '@/plugins/analytics/core/source'

const classify = (referrer: string | null, query = '', siteDomain = 'best-guides.com') =>
  classifySource({ referrerHost: referrerHostOf(referrer), siteDomain, params: new URLSearchParams(query) })

describe('source classification', () => {
  it.each([
    // [referrer, page query, expected]
    [null, '', 'direct'],
    ['', '', 'direct'],
    ['https://best-guides.com/other/', '', 'direct'],
    ['https://www.best-guides.com/', '', 'direct'],
    ['https://www.google.com/', '', 'organic'],
    ['https://www.google.co.uk/search?q=x', '', 'organic'],
    ['https://www.google.com.br/', '', 'organic'],
    ['https://www.bing.com/search?q=x', '', 'organic'],
    ['https://duckduckgo.com/', '', 'organic'],
    ['https://search.yahoo.com/', '', 'organic'],
    ['https://yandex.ru/search/', '', 'organic'],
    ['https://search.brave.com/', '', 'organic'],
    ['https://www.ecosia.org/', '', 'organic'],
    ['https://l.facebook.com/l.php', '', 'social'],
    ['https://m.facebook.com/', '', 'social'],
    ['https://t.co/abc', '', 'social'],
    ['https://x.com/someone', '', 'social'],
    ['https://www.reddit.com/r/x', '', 'social'],
    ['https://www.linkedin.com/feed/', '', 'social'],
    ['https://www.youtube.com/watch?v=1', '', 'social'],
    ['https://news.ycombinator.com/item?id=1', '', 'social'],
    ['https://mail.google.com/mail/u/0/', '', 'email'],
    ['https://outlook.live.com/mail/', '', 'email'],
    ['https://webmail.example.net/', '', 'email'],
    ['https://some-blog.example/post', '', 'referral'],
    ['https://googleblog.example/', '', 'referral'],
    ['https://notgoogle.com/', '', 'referral'],
    // campaign tags and click ids win over the referrer
    ['https://www.google.com/', 'gclid=abc', 'paid'],
    [null, 'msclkid=abc', 'paid'],
    ['https://www.facebook.com/', 'utm_source=facebook&utm_medium=cpc', 'paid'],
    [null, 'utm_medium=display', 'paid'],
    [null, 'fbclid=IwAR0', 'social'],
    ['https://www.facebook.com/', 'fbclid=IwAR0', 'social'],
    [null, 'utm_source=newsletter&utm_medium=email', 'email'],
    ['https://mail.google.com/', 'utm_medium=Email', 'email'],
    [null, 'utm_source=newsletter', 'email'],
    [null, 'utm_medium=social', 'social'],
    [null, 'utm_medium=organic', 'organic'],
    [null, 'utm_medium=referral&utm_source=partner', 'referral'],
    [null, 'utm_source=partner-site', 'referral'],
    ['https://some-blog.example/', 'utm_campaign=spring', 'referral'],
  ])('%s with ?%s is %s', (referrer, query, expected) => {
    expect(classify(referrer, query)).toBe(expected)
  })

  it('reads referrer hosts without www and refuses non-http referrers', () => {
    expect(referrerHostOf('https://WWW.Example.COM/a?b')).toBe('example.com')
    expect(referrerHostOf('android-app://com.google.android.gm/')).toBeNull()
    expect(referrerHostOf('not a url')).toBeNull()
    expect(referrerHostOf(null)).toBeNull()
  })
})
