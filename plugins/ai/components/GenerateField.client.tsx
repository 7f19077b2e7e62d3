'use client'

import { Banner, Button, useConfig, useDocumentInfo, useForm } from '@payloadcms/ui'
import type { UIFieldClientProps } from 'payload'
import { useCallback, useRef, useState } from 'react'

import { apiUrl, errorMessage, readEvents, type GenerateOutcome } from './aiClient'

type Props = UIFieldClientProps & { target: string }

type State =
  | { phase: 'idle' }
  | { phase: 'streaming'; text: string }
  | { phase: 'ready'; text: string; outcome: GenerateOutcome }
  | { phase: 'error'; text: string; message: string }

const LABELS: Record<string, string> = {
  metaTitle: 'Generate meta title',
  metaDescription: 'Generate meta description',
}

const isRichText = (value: unknown): boolean => Boolean(value && typeof value === 'object' && 'root' in (value as object))

const cookieSite = (): string | null => {
  const match = /(?:^|;\s*)payload-tenant=([^;]+)/.exec(typeof document === 'undefined' ? '' : document.cookie)
  return match ? decodeURIComponent(match[1]) : null
}

const preview = (fields: Record<string, unknown>): [string, string][] =>
  Object.entries(fields).flatMap(([key, value]): [string, string][] => {
    if (isRichText(value)) return [[key, '(rich text, as shown above)']]
    if (Array.isArray(value)) {
      return value.flatMap((row, i) =>
        Object.entries(row as Record<string, unknown>)
          .filter(([k, v]) => ['question', 'answer', 'title', 'description', 'badge', 'caption'].includes(k) && v)
          .map(([k, v]): [string, string] => [`${key} ${i + 1} · ${k}`, String(v)]),
      )
    }
    if (key === 'image') return [['image', `media #${String(value)} (saved to the media library)`]]
    return [[key, String(value ?? '')]]
  })

/**
 * The Generate button of a block or SEO field: streams the model's answer
 * into a preview; Apply writes it into the form (the editor still saves),
 * Regenerate asks again, Discard drops it. Nothing touches the page before
 * Apply.
 */
export const GenerateField = ({ path, target }: Props) => {
  const { config } = useConfig()
  const { id } = useDocumentInfo()
  const { getData, getDataByPath, dispatchFields, addFieldRow, removeFieldRow, setModified } = useForm()
  const [state, setState] = useState<State>({ phase: 'idle' })
  const abort = useRef<AbortController | null>(null)
  const parentPath = (path ?? '').split('.').slice(0, -1).join('.')
  const isMeta = target === 'metaTitle' || target === 'metaDescription'

  const generate = useCallback(async () => {
    abort.current?.abort()
    const controller = new AbortController()
    abort.current = controller
    setState({ phase: 'streaming', text: '' })
    const data = getData() as Record<string, any>
    const block = isMeta ? undefined : (getDataByPath(parentPath) as Record<string, unknown> | undefined)
    const site = data.site && typeof data.site === 'object' ? data.site.id : (data.site ?? cookieSite())
    const blockIndex = isMeta ? undefined : Number(parentPath.split('.').pop())
    let text = ''
    try {
      const response = await fetch(apiUrl(config, '/ai/generate'), {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        signal: controller.signal,
        body: JSON.stringify({
          target,
          site: site ?? undefined,
          page: id ?? undefined,
          block,
          blockIndex: Number.isInteger(blockIndex) ? blockIndex : undefined,
          blockId: block?.id,
          pageData: { title: data.title, slug: data.slug, h1: data.h1, keywords: data.keywords, lsiPhrases: data.lsiPhrases, meta: data.meta },
          stream: true,
        }),
      })
      if (!response.ok || !response.body) {
        setState({ phase: 'error', text: '', message: await errorMessage(response) })
        return
      }
      let finished = false
      await readEvents(response.body, (event, payload) => {
        if (event === 'delta') {
          text += String(payload.text ?? '')
          setState({ phase: 'streaming', text })
        } else if (event === 'result') {
          finished = true
          setState({ phase: 'ready', text: text || String(payload.text ?? ''), outcome: payload as GenerateOutcome })
        } else if (event === 'error') {
          finished = true
          setState({ phase: 'error', text, message: String(payload.message ?? 'Generation failed.') })
        }
      })
      if (!finished) setState({ phase: 'error', text, message: 'The connection closed before the answer was complete. Regenerate.' })
    } catch (err) {
      if ((err as Error).name === 'AbortError') return
      setState({ phase: 'error', text, message: `Could not reach the server: ${(err as Error).message}` })
    }
  }, [config, getData, getDataByPath, id, isMeta, parentPath, target])

  const discard = useCallback(() => {
    abort.current?.abort()
    setState({ phase: 'idle' })
  }, [])

  const apply = useCallback(() => {
    if (state.phase !== 'ready') return
    for (const [key, value] of Object.entries(state.outcome.fields)) {
      const fieldPath = parentPath ? `${parentPath}.${key}` : key
      if (Array.isArray(value)) {
        const rows = value as Record<string, unknown>[]
        if (target === 'faq') {
          // the answer decides how many questions there are: replace the rows
          const existing = ((getDataByPath(fieldPath) as unknown[] | undefined) ?? []).length
          for (let i = existing - 1; i >= 0; i--) removeFieldRow({ path: fieldPath, rowIndex: i })
          rows.forEach((row, rowIndex) => {
            const subFieldState = Object.fromEntries(
              Object.entries(row).map(([k, v]) => [k, { value: v, initialValue: v, valid: true, passesCondition: true }]),
            )
            addFieldRow({ path: fieldPath, rowIndex, schemaPath: fieldPath, subFieldState })
          })
        } else {
          // swiper cards and gallery images keep their images and links: only their texts change
          rows.forEach((row, rowIndex) => {
            for (const k of ['title', 'description', 'badge', 'caption']) {
              if (k in row) dispatchFields({ type: 'UPDATE', path: `${fieldPath}.${rowIndex}.${k}`, value: row[k] })
            }
          })
        }
      } else if (isRichText(value)) {
        // the Lexical field re-mounts when its initial value changes
        dispatchFields({ type: 'UPDATE', path: fieldPath, value, initialValue: value })
      } else {
        dispatchFields({ type: 'UPDATE', path: fieldPath, value })
      }
    }
    setModified(true)
    setState({ phase: 'idle' })
  }, [addFieldRow, dispatchFields, getDataByPath, parentPath, removeFieldRow, setModified, state, target])

  const busy = state.phase === 'streaming'
  const generation = state.phase === 'ready' ? state.outcome.generation : null

  return (
    <div className="ai-generate" data-ai-target={target} style={{ marginBottom: 'var(--base)' }}>
      {state.phase === 'idle' && (
        <Button buttonStyle="secondary" size="small" margin={false} onClick={() => void generate()}>
          {LABELS[target] ?? 'Generate with AI'}
        </Button>
      )}
      {state.phase !== 'idle' && (
        <div
          className="ai-generate__panel"
          style={{
            border: '1px solid var(--theme-elevation-150)',
            borderRadius: 'var(--style-radius-m)',
            padding: 'calc(var(--base) * 0.75)',
            background: 'var(--theme-elevation-50)',
          }}
        >
          <div style={{ fontWeight: 600, marginBottom: 'calc(var(--base) * 0.5)' }}>
            {busy ? 'Writing…' : state.phase === 'ready' ? 'Preview — not applied yet' : 'Generation failed'}
          </div>
          {state.text && (
            <pre
              className="ai-generate__stream"
              aria-live="polite"
              style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', maxHeight: '20rem', overflow: 'auto', margin: 0, fontFamily: 'var(--font-body)', fontSize: '0.9rem' }}
            >
              {state.text}
            </pre>
          )}
          {state.phase === 'ready' && (
            <dl className="ai-generate__fields" style={{ margin: 'calc(var(--base) * 0.5) 0', fontSize: '0.9rem' }}>
              {preview(state.outcome.fields).map(([label, value]) => (
                <div key={label} style={{ display: 'flex', gap: '0.5rem' }}>
                  <dt style={{ fontWeight: 600, minWidth: '8rem' }}>{label}</dt>
                  <dd style={{ margin: 0 }}>{value}</dd>
                </div>
              ))}
            </dl>
          )}
          {state.phase === 'error' && (
            <Banner type="error">
              <span className="ai-generate__error">{state.message}</span>
            </Banner>
          )}
          {generation && (
            <div style={{ fontSize: '0.8rem', color: 'var(--theme-elevation-500)', marginBottom: 'calc(var(--base) * 0.5)' }}>
              {generation.model} · {generation.inputTokens} + {generation.outputTokens} tokens
              {generation.costEstimate !== null ? ` · ~$${generation.costEstimate.toFixed(4)}` : ''}
            </div>
          )}
          <div style={{ display: 'flex', gap: 'calc(var(--base) * 0.5)', flexWrap: 'wrap' }}>
            {state.phase === 'ready' && (
              <Button buttonStyle="primary" size="small" margin={false} onClick={apply}>
                Apply
              </Button>
            )}
            <Button buttonStyle="secondary" size="small" margin={false} disabled={busy} onClick={() => void generate()}>
              Regenerate
            </Button>
            <Button buttonStyle="subtle" size="small" margin={false} onClick={discard}>
              Discard
            </Button>
          </div>
        </div>
      )}
    </div>
  )
}
