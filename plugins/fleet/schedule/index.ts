import { _internal_jobSystemGlobals, type CollectionConfig, type Config, type Field, type Plugin, type Tab } from 'payload'

import { nobody } from '@/access'
import { now } from '@/lib/clock'

import { SCHEDULE_QUEUE } from './constants'
import { minutesOfDay } from './core/drip'
import { scheduleEndpoint } from './endpoints/schedule'
import { keepDripDue } from './hooks/dripDue'
import { dripTask } from './jobs/drip'

const isNextDev = (): boolean => Boolean(process.env.NEXT_RUNTIME) && process.env.NODE_ENV !== 'production'

const dripQueued: Field = {
  name: 'dripQueued',
  label: 'Publish with the drip queue',
  type: 'checkbox',
  defaultValue: false,
  index: true,
  admin: { position: 'sidebar', description: "A draft waits here until the site's drip queue publishes it (Site → Schedule), oldest first" },
}

const scheduleTab: Tab = {
  label: 'Schedule',
  fields: [
    {
      name: 'drip',
      label: 'Drip queue',
      type: 'group',
      admin: { description: 'Publish one queued draft page every few days, oldest first; the site deploys after each as after any publish' },
      fields: [
        { name: 'enabled', label: 'Publish queued drafts one by one', type: 'checkbox', defaultValue: false },
        {
          type: 'row',
          fields: [
            { name: 'everyDays', label: 'Every N days', type: 'number', defaultValue: 7, min: 1, max: 365, admin: { step: 1, width: '33%' } },
            {
              name: 'time',
              label: 'Time of day (UTC)',
              type: 'text',
              defaultValue: '09:00',
              admin: { placeholder: '09:00', width: '33%' },
              validate: (value: unknown) => (value == null || value === '' || minutesOfDay(value) !== null ? true : 'Give a time as HH:MM on the 24-hour clock, such as 09:00'),
            },
            { name: 'nextAt', label: 'Next publish', type: 'date', access: { create: nobody, update: nobody }, admin: { readOnly: true, width: '33%', date: { pickerAppearance: 'dayAndTime' } } },
          ],
        },
      ],
    },
    { name: 'scheduleList', type: 'ui', admin: { components: { Field: '/plugins/fleet/schedule/components/ScheduleList.client#ScheduleList' } } },
  ],
}

const withScheduleTab = (sites: CollectionConfig): CollectionConfig => {
  let isAdded = false
  const fields = sites.fields.map((field) => {
    if (isAdded || field.type !== 'tabs') return field
    isAdded = true
    return { ...field, tabs: [...field.tabs, scheduleTab] }
  })
  return {
    ...sites,
    fields: isAdded ? fields : [...fields, ...scheduleTab.fields],
    endpoints: [...(Array.isArray(sites.endpoints) ? sites.endpoints : []), scheduleEndpoint],
    hooks: { ...sites.hooks, beforeChange: [...(sites.hooks?.beforeChange ?? []), keepDripDue] },
  }
}

const withDripField = (pages: CollectionConfig): CollectionConfig => ({ ...pages, fields: [...pages.fields, dripQueued] })

/**
 * Page scheduling: Payload's scheduled publish on pages (collections/Pages: `schedulePublish`), run by its
 * `schedulePublish` job on the "default" queue when its time comes; and a per-site drip queue (the dripPublish
 * job, scheduled each minute on the "schedule" queue). Both publish through an ordinary save, so the publisher's
 * deploy-on-change deploys the site once after each. The site's Schedule tab lists both.
 */
export const fleetSchedulePlugin =
  (): Plugin =>
  (config: Config): Config => ({
    ...config,
    collections: (config.collections ?? []).map((c) => (c.slug === 'sites' ? withScheduleTab(c) : c.slug === 'pages' ? withDripField(c) : c)),
    jobs: {
      ...config.jobs,
      tasks: [...(config.jobs?.tasks ?? []), dripTask],
      // `next dev` runs both in-process (shouldAutoRun is the publisher's); in production `npm run worker` runs every
      // queue and handles schedules. Only `next dev` may schedule here (as in plugins/analytics)
      autoRun: [
        ...(Array.isArray(config.jobs?.autoRun) ? config.jobs.autoRun : []),
        { cron: '*/10 * * * * *', queue: 'default', limit: 10, disableScheduling: true },
        { cron: '*/10 * * * * *', queue: SCHEDULE_QUEUE, limit: 1, disableScheduling: !isNextDev() },
      ],
    },
    onInit: async (payload) => {
      // Payload's queue compares a job's waitUntil with its own "now": make it the app's clock (lib/clock.ts), the
      // system clock in production, so a test that moves time forward sees scheduled publishes come due
      _internal_jobSystemGlobals.getCurrentDate = () => new Date(now())
      await config.onInit?.(payload)
    },
  })
