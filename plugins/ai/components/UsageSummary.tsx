import type { ServerComponentProps } from 'payload'

import { usageSummary } from '../usage'

const number = (value: number) => value.toLocaleString('en')

/**
 * Above the ai-generations list: tokens and estimated cost this month per
 * site and provider, against each site's monthly budget.
 */
export const UsageSummary = async ({ payload, user }: ServerComponentProps & { user?: unknown }) => {
  const rows = await usageSummary({ payload, user: user as never })
  const month = new Date().toLocaleString('en', { month: 'long', year: 'numeric', timeZone: 'UTC' })
  return (
    <div className="ai-usage" style={{ marginBottom: 'calc(var(--base) * 1.5)' }}>
      <h3 style={{ marginBottom: 'calc(var(--base) * 0.5)' }}>Usage in {month}</h3>
      {rows.length === 0 ? (
        <p>No AI generations this month.</p>
      ) : (
        <div className="table">
          <table cellPadding={0} cellSpacing={0}>
            <thead>
              <tr>
                <th>Site</th>
                <th>Provider</th>
                <th>Calls</th>
                <th>Failed</th>
                <th>Input tokens</th>
                <th>Output tokens</th>
                <th>Total tokens</th>
                <th>Of the site's budget</th>
                <th>Cost estimate</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.site}-${row.provider}`}>
                  <td>{row.domain}</td>
                  <td>{row.provider}</td>
                  <td>{number(row.calls)}</td>
                  <td>{number(row.failed)}</td>
                  <td>{number(row.inputTokens)}</td>
                  <td>{number(row.outputTokens)}</td>
                  <td>{number(row.totalTokens)}</td>
                  <td>{row.budget ? `${Math.round((row.totalTokens / row.budget) * 100)}% of ${number(row.budget)}` : 'no limit'}</td>
                  <td>${row.costEstimate.toFixed(4)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  )
}
