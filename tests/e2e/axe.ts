/**
 * axe-core in the browser test (issue 15, item 8): our own admin views must have no critical or serious
 * violation. Each check runs axe twice on the page as it is: on our components (the selectors given, each of
 * which must be on the page, so a check never passes by finding nothing), where every critical or serious
 * finding fails the step; and on the whole page, counted for the record (Payload's own chrome is in it).
 * Everything goes to tests/e2e/artifacts/axe.json.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import type { Page } from 'playwright-core'

const require = createRequire(import.meta.url)
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')

type Violation = { id: string; impact: string | null; help: string; nodes: { target: string; html: string; summary: string }[] }
export type AxeRecord = { view: string; url: string; ours: Violation[]; wholePage: Record<string, number>; wholePageIds: string[] }

const BLOCKING = new Set(['critical', 'serious'])

const count = (violations: Violation[]): Record<string, number> => {
  const counts: Record<string, number> = {}
  for (const v of violations) counts[v.impact ?? 'none'] = (counts[v.impact ?? 'none'] ?? 0) + v.nodes.length
  return counts
}

export const axeRecorder = ({ artifacts, fail, print }: { artifacts: string; fail: (message: string) => never; print: (line: string) => void }) => {
  const records: AxeRecord[] = []

  /** Runs axe on `view`: fails on any critical or serious violation inside `ours`, records the whole page's counts. */
  const check = async (page: Page, view: string, ours: string[]): Promise<void> => {
    for (const selector of ours) {
      if ((await page.locator(selector).count()) === 0) fail(`axe (${view}): ${selector} is not on the page, so it cannot be checked`)
    }
    if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE)
    // a string, not a function: tsx compiles functions with helpers (__name) that do not exist in the page
    const { scoped, whole } = (await page.evaluate(`(async (include) => {
      const shape = (result) => result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), html: n.html.slice(0, 200), summary: (n.failureSummary || '').slice(0, 300) })),
      }))
      const options = { resultTypes: ['violations'] }
      const scoped = shape(await window.axe.run({ include: include.map((selector) => [selector]) }, options))
      const whole = shape(await window.axe.run(document, options))
      return { scoped, whole }
    })(${JSON.stringify(ours)})`)) as { scoped: Violation[]; whole: Violation[] }
    const record: AxeRecord = { view, url: page.url(), ours: scoped, wholePage: count(whole), wholePageIds: whole.map((v) => `${v.impact}:${v.id}(${v.nodes.length})`) }
    records.push(record)
    fs.writeFileSync(path.join(artifacts, 'axe.json'), `${JSON.stringify(records, null, 1)}\n`)
    const ourCounts = count(scoped)
    print(`    axe ${view}: ours ${JSON.stringify(ourCounts)}; whole page ${JSON.stringify(record.wholePage)} ${record.wholePageIds.join(' ')}`)
    const blocking = scoped.filter((v) => BLOCKING.has(v.impact ?? ''))
    if (blocking.length) {
      fail(
        `axe found ${blocking.length} critical or serious violation(s) in our components on ${view} (${ours.join(', ')}):\n` +
          blocking.map((v) => `  ${v.impact} ${v.id}: ${v.help}\n${v.nodes.slice(0, 5).map((n) => `    ${n.target}: ${n.summary.replace(/\s+/g, ' ')}`).join('\n')}`).join('\n'),
      )
    }
  }

  return { check, records }
}
