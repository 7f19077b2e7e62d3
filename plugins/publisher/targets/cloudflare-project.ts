import { APIError, type Cloudflare } from 'cloudflare'

import type { DeployLog } from '../core/types'
import { CloudflareStepError, UnexpectedResponseError, withRetry, type RetryOptions } from './cloudflare-retry'

/**
 * Makes sure the Pages project exists (creating it on first publish) and
 * carries the site's custom domain. Returns the production branch, which is
 * what the deployment is made on unless the target says otherwise.
 */
export async function ensureProject(input: {
  client: Cloudflare
  accountId: string
  projectName: string
  domain?: string
  productionBranch: string
  retry: RetryOptions
  log: DeployLog
}): Promise<{ productionBranch: string; domains: string[] }> {
  const { client, accountId, projectName, retry, log } = input
  const get = () =>
    withRetry({
      step: 'get project',
      options: retry,
      call: async () => checkProject(await client.pages.projects.get(projectName, { account_id: accountId })),
    })

  let project = await get().catch((err: unknown) => {
    if (isNotFound(err)) return undefined
    throw err
  })
  if (!project) {
    log(`Creating Cloudflare Pages project "${projectName}"`)
    project = await withRetry({
      step: 'create project',
      options: retry,
      call: async () => {
        try {
          return checkProject(
            await client.pages.projects.create({
              account_id: accountId,
              name: projectName,
              production_branch: input.productionBranch,
            }),
          )
        } catch (err) {
          // a retried create whose first attempt went through: the project is there now
          if (err instanceof APIError && err.status === 409) return undefined
          throw err
        }
      },
    })
    project ??= await get()
  }

  const domains = project.domains ?? []
  if (input.domain && !domains.includes(input.domain)) {
    log(`Attaching ${input.domain} to Cloudflare Pages project "${projectName}"`)
    await withRetry({
      step: 'attach domain',
      options: retry,
      call: async () => {
        try {
          const attached = await client.pages.projects.domains.create(projectName, { account_id: accountId, name: input.domain! })
          if (!attached || typeof attached !== 'object') throw new UnexpectedResponseError('attach domain answered without a domain')
        } catch (err) {
          if (err instanceof APIError && err.status === 409) return // already attached
          throw err
        }
      },
    })
    domains.push(input.domain)
  }
  return { productionBranch: project.production_branch ?? input.productionBranch, domains }
}

type ProjectShape = { production_branch?: string; domains?: string[] }

function checkProject(project: unknown): ProjectShape {
  if (!project || typeof project !== 'object') {
    throw new UnexpectedResponseError('Cloudflare answered the project request without a project')
  }
  return project as ProjectShape
}

function isNotFound(err: unknown): boolean {
  return err instanceof CloudflareStepError && err.classified.status === 404
}
