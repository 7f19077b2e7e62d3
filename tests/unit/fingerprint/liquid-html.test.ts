import { Liquid } from 'liquidjs'
import { describe, expect, it } from 'vitest'

import { renameLiquidHtml } from '../../../plugins/fingerprint/core/html'
import type { Renamer } from '../../../plugins/fingerprint/core/renamer'
import { renamer } from './helpers'

const html = (source: string, r: Renamer = renamer()) => renameLiquidHtml(source, r, 'part')

describe('class attributes in Liquid sources', () => {
  it('renames every static class token, in any quoting, and nothing else', () => {
    expect(html(`<div class="a  b\n c" id="a" data-class="a">a</div><p class='d'>class="e"</p><i class=f></i>`)).toBe(
      `<div class="p1-a  p1-b\n p1-c" id="a" data-class="a">a</div><p class='p1-d'>class="e"</p><i class=p1-f></i>`,
    )
  })

  it('prefixes the static head of a class finished by Liquid', () => {
    expect(html('<section class="block block--{{ variant }} block--cta-{{ style | downcase }}">')).toBe(
      '<section class="p1-block p1-block--{{ variant }} p1-block--cta-{{ style | downcase }}">',
    )
  })

  it('renames classes in every branch of an if, and classes glued to a tag', () => {
    expect(html('<a class="link {% if current %}is-current{% else %}is-other{% endif %}">')).toBe('<a class="p1-link {% if current %}p1-is-current{% else %}p1-is-other{% endif %}">')
    expect(html('<a class="btn{% if primary %} btn--primary{% endif %}">')).toBe('<a class="p1-btn{% if primary %} p1-btn--primary{% endif %}">')
    expect(html('<a class="{% case s %}{% when 1 %}one{% when 2 %}two{% endcase %}">')).toBe('<a class="{% case s %}{% when 1 %}p1-one{% when 2 %}p1-two{% endcase %}">')
  })

  it('leaves a class that starts with a Liquid value, and says so with the line', () => {
    const r = renamer()
    expect(html('<p>\n<div class="{{ cls }} b">', r)).toBe('<p>\n<div class="{{ cls }} p1-b">')
    expect(r.warnings).toEqual([`part line 2: the class "{{ cls }}" is computed, so it is not renamed; write the class out, or list it in the template's preserved classes.`])
  })

  it('reads Liquid inside tags as a unit, quotes and ">" included', () => {
    expect(html(`<a{% if x > 1 %} class="on"{% endif %} title="{{ "a>b" }}" class="c {{ 'x"y' }}"><{{ tag }} class="d"></{{ tag }}>`)).toBe(
      `<a{% if x > 1 %} class="p1-on"{% endif %} title="{{ "a>b" }}" class="p1-c {{ 'x"y' }}"><{{ tag }} class="p1-d"></{{ tag }}>`,
    )
  })

  it('skips raw and comment blocks, HTML comments and textarea text', () => {
    const source = `{% raw %}<b class="a">{% endraw %}{%- comment -%}<b class="a">{%- endcomment -%}<!-- <b class="a"> --><textarea><b class="a"></textarea>`
    expect(html(source)).toBe(source)
  })

  it('renames classes in <style> and <script> bodies, keeping their Liquid', () => {
    expect(html(`<style>.a-{{ n }} { color: {{ color }} } {% if dark %}.b { color: #000 }{% endif %}</style>`)).toBe(
      `<style>.p1-a-{{ n }} { color: {{ color }} } {% if dark %}.p1-b { color: #000 }{% endif %}</style>`,
    )
    expect(html(`<script>document.querySelector('.c').title = "{{ brand_name }}";</script>`)).toBe(
      `<script>document.querySelector('.p1-c').title = "{{ brand_name }}";</script>`,
    )
  })

  it('renames classes in handler attributes and in markup templates, not in data scripts', () => {
    expect(html(`<button onclick="this.classList.toggle('on')">`)).toBe(`<button onclick="this.classList.toggle('p1-on')">`)
    expect(html(`<script type="text/template"><li class="x"></li></script>`)).toBe(`<script type="text/template"><li class="p1-x"></li></script>`)
    const data = `<script type="application/ld+json">{"class": "x", "q": ".y"}</script><script src="/a.js">el.classList.add('z')</script>`
    expect(html(data)).toBe(data)
  })

  it('leaves a <style> or <script> it cannot read as written, naming the line', () => {
    const r = renamer()
    const source = `<p>\n<style>\n.a { color: red\n</style><script>\nif (</script><b class="b">`
    expect(html(source, r)).toBe(source.replace('class="b"', 'class="p1-b"'))
    expect(r.warnings).toEqual([
      'part line 3: Unclosed block; the classes in this element are not renamed.',
      'part line 5: the script does not parse (Unexpected token), so the class names in it are not renamed.',
    ])
  })

  it('leaves preserved classes as they are', () => {
    expect(html('<div class="swiper swiper-slide mine swiper-{{ x }}">', renamer(['swiper', 'swiper-*']))).toBe('<div class="swiper swiper-slide p1-mine swiper-{{ x }}">')
  })

  it('leaves everything but class values byte for byte, and still renders', async () => {
    const source = `{%- assign cls = 'x' -%}
<ul class="list">{% for i in (1..2) %}
  <li class="item item--{{ i }}"{% if i == 1 %} aria-current="page"{% endif %}>{{ i | plus: 1 }}</li>{% endfor %}
</ul>`
    const out = html(source)
    expect(out.replace(/p1-/g, '')).toBe(source)
    const rendered = await new Liquid().parseAndRender(out, {})
    expect(rendered).toContain('<li class="p1-item p1-item--1" aria-current="page">2</li>')
    expect(rendered).toContain('<li class="p1-item p1-item--2">3</li>')
  })
})
