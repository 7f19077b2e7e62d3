import { describe, expect, it } from 'vitest'

import { isBotUserAgent } from '@/plugins/analytics/core/bots'
import { memo } from '@/plugins/analytics/core/memo'

describe('memo', () => {
  it('answers like the function, computing each key once', () => {
    const seen: string[] = []
    const length = memo((key: string) => (seen.push(key), key.length))
    expect([length('ab'), length('abc'), length('ab'), length('abc')]).toEqual([2, 3, 2, 3])
    expect(seen).toEqual(['ab', 'abc'])
  })

  it('stays bounded under a stream of distinct keys, and still answers right after dropping its memory', () => {
    let calls = 0
    const upper = memo((key: string) => (calls++, key.toUpperCase()), 100)
    for (let i = 0; i < 1_000; i++) expect(upper(`k${i}`)).toBe(`K${i}`)
    expect(calls).toBe(1_000)
    // the memory was dropped at 100 answers: k999 is remembered, k0 is computed again
    upper('k999')
    expect(calls).toBe(1_000)
    upper('k0')
    expect(calls).toBe(1_001)
  })

  it('remembers false answers too (a browser is not a bot), and the bot check answers through it', () => {
    let calls = 0
    const isBot = memo((ua: string) => (calls++, ua.includes('bot')))
    expect([isBot('Mozilla/5.0 Firefox'), isBot('Mozilla/5.0 Firefox'), isBot('Googlebot')]).toEqual([false, false, true])
    expect(calls).toBe(2)
    const ua = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'
    expect(isBotUserAgent(ua)).toBe(false)
    expect(isBotUserAgent(ua)).toBe(false)
    expect(isBotUserAgent('Googlebot/2.1 (+http://www.google.com/bot.html)')).toBe(true)
  })
})
