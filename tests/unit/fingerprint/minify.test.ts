import { describe, expect, it } from 'vitest'

import { minifyCss, minifyJs } from '../../../plugins/fingerprint/core/minify'
import { minifyHtml } from '../../../plugins/fingerprint/core/minifyHtml'
import { cssClasses } from './helpers'

describe('minifyCss', () => {
  const source = `:root {
  --primary: #1f6f50;
}
/* cards */
.card { color: var(--primary); padding: 0px 0px 0px 0px; }
.card:not(.card--flat) > .card__title { font-weight: bold; }
@media (min-width: 40rem) {
  .card__title { font-size: 1.25rem; }
}
`

  it('makes the CSS smaller and keeps every class and custom property', () => {
    const out = minifyCss(source)
    expect(out).toBe(
      ':root{--primary:#1f6f50}.card{color:var(--primary);padding:0}.card:not(.card--flat)>.card__title{font-weight:700}@media (min-width:40rem){.card__title{font-size:1.25rem}}',
    )
    expect(cssClasses(out)).toEqual(cssClasses(source))
    // the targets are old enough for Safari 15.4: no media query range syntax
  })

  it('reports CSS it cannot read, with its line, and minifies the rest', () => {
    const warnings: string[] = []
    const out = minifyCss('.a { color: red }\n.b { margin: 0 }\n.c { width: calc( }', warnings)
    expect(out).toContain('.a{color:red}')
    expect(out).toContain('.b{margin:0}')
    expect(warnings).toEqual([expect.stringMatching(/^Template CSS line 3: .*browsers ignore it/)])
  })

  it('is empty for empty CSS', () => {
    expect(minifyCss('  \n')).toBe('')
  })
})

describe('minifyJs', () => {
  it('makes the script smaller, keeps class strings, top-level names and licence comments', () => {
    const source = `/*! licence */\nfunction openMenu() {\n  // a comment\n  var element = document.querySelector('.x-menu');\n  element.classList.add('x-open');\n}\n`
    const out = minifyJs(source)
    expect(out.length).toBeLessThan(source.length)
    expect(out).toContain('/*! licence */')
    expect(out).toContain('function openMenu(')
    expect(out).toContain('".x-menu"')
    expect(out).toContain('"x-open"')
    expect(out).not.toContain('a comment')
  })

  it('keeps "</script" from closing an inline script', () => {
    expect(minifyJs(`document.body.insertAdjacentHTML('beforeend', '<script><\\/script>')`)).not.toMatch(/<\/script/i)
  })

  it('publishes a script it cannot parse as it is, with a warning', () => {
    const warnings: string[] = []
    expect(minifyJs('function (', warnings)).toBe('function (')
    expect(warnings[0]).toMatch(/^Template JS line 1: .*published unminified/)
  })
})

describe('minifyHtml', () => {
  it('collapses whitespace runs to one character and drops whitespace that never renders', () => {
    const page = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <title>  A   title </title>
  </head>
  <body>
    <nav>
      <a href="/">One</a>
      <a href="/two/">Two</a>
    </nav>
    <p>Some    text
       over lines.</p>
  </body>
</html>
`
    expect(minifyHtml(page)).toBe(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>  A   title </title></head><body><nav>\n<a href="/">One</a>\n<a href="/two/">Two</a>\n</nav>\n<p>Some text\nover lines.</p></body></html>',
    )
  })

  it('keeps the space between inline-block siblings, as one space', () => {
    expect(minifyHtml('<div><span class="pill">a</span>   <span class="pill">b</span></div>')).toBe('<div><span class="pill">a</span> <span class="pill">b</span></div>')
  })

  it('copies pre, textarea, script and style contents and attribute values as they are', () => {
    const source = '<pre>  a\n   b </pre><textarea>  x  </textarea><script>var a  =  "  ";</script><style>a  {  }</style><p title="  two  spaces ">x</p>'
    expect(minifyHtml(source)).toBe(source)
  })

  it('drops comments but keeps conditional comments', () => {
    expect(minifyHtml('<p>a <!-- note --> b</p><!--[if IE]><p>old</p><![endif]-->')).toBe('<p>a b</p><!--[if IE]><p>old</p><![endif]-->')
  })

  it('tidies whitespace inside tags without joining a "/" to an unquoted value', () => {
    expect(minifyHtml('<img\n   src="a.png"\n   alt="" />')).toBe('<img src="a.png" alt=""/>')
    expect(minifyHtml('<a href=/x/ >y</a>')).toBe('<a href=/x/>y</a>')
    expect(minifyHtml('<a href=/x/ />')).toBe('<a href=/x/ />')
  })

  it('is idempotent and keeps text with "<" in it', () => {
    const once = minifyHtml('<p>1 < 2  and  3 > 2</p>\n\n<p>x</p>')
    expect(once).toBe('<p>1 < 2 and 3 > 2</p>\n<p>x</p>')
    expect(minifyHtml(once)).toBe(once)
  })

  it('finds the end of a tag whose quoted values hold ">" or the other quote, on the fast path and the slow one', () => {
    // tidy attributes (fast path) with ">" inside a value, then the same tag untidy (token by token)
    expect(minifyHtml('<a title="a > b" href="/x/">x</a>   <b>y</b>')).toBe('<a title="a > b" href="/x/">x</a> <b>y</b>')
    expect(minifyHtml('<a  title="a > b"\n href="/x/">x</a>')).toBe('<a title="a > b" href="/x/">x</a>')
    // single quotes, and a double quote inside them, always go token by token
    expect(minifyHtml(`<a title='say "hi" > there' href="/">x</a>  y`)).toBe(`<a title='say "hi" > there' href="/">x</a> y`)
    expect(minifyHtml(`<link rel="preload" onload="this.rel='stylesheet'"  >`)).toBe(`<link rel="preload" onload="this.rel='stylesheet'">`)
    // a tidy <style> tag still has its contents copied verbatim
    expect(minifyHtml('<style media="all">a  >  b { }</style>  <p>x</p>')).toBe('<style media="all">a  >  b { }</style> <p>x</p>')
  })
})
