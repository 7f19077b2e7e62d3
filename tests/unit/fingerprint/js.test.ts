import { describe, expect, it } from 'vitest'

import { renameLiquidHtml } from '../../../plugins/fingerprint/core/html'
import { renameJsClasses } from '../../../plugins/fingerprint/core/js'
import type { Renamer } from '../../../plugins/fingerprint/core/renamer'
import { renamer } from './helpers'

const js = (code: string, r: Renamer = renamer()) => renameJsClasses(code, r, 'script', (html, where, line) => renameLiquidHtml(html, r, where, line))

describe('JS class patterns', () => {
  it('renames classList arguments', () => {
    expect(js(`el.classList.add('a', "b"); el.classList.remove('c'); el.classList.toggle('d', on); el.classList.contains('e'); el.classList.replace('f', 'g')`)).toBe(
      `el.classList.add('p1-a', "p1-b"); el.classList.remove('p1-c'); el.classList.toggle('p1-d', on); el.classList.contains('p1-e'); el.classList.replace('p1-f', 'p1-g')`,
    )
    expect(js('el?.classList.add(`a`); el["classList"]["add"]("b")')).toBe('el?.classList.add(`p1-a`); el["classList"]["add"]("p1-b")')
  })

  it('renames selectors given to querySelector, querySelectorAll, closest and matches', () => {
    expect(js(`document.querySelector('.a .b > .c'); root.querySelectorAll(".d:not(.e)"); el.closest('.f'); el.matches('.g, [class~="h"]')`)).toBe(
      `document.querySelector('.p1-a .p1-b > .p1-c'); root.querySelectorAll(".p1-d:not(.p1-e)"); el.closest('.p1-f'); el.matches('.p1-g, [class~="p1-h"]')`,
    )
    expect(js(`document.querySelector('#main a[href^="/"]')`)).toBe(`document.querySelector('#main a[href^="/"]')`)
  })

  it('renames class lists: getElementsByClassName, className, setAttribute("class")', () => {
    expect(js(`document.getElementsByClassName('a b'); el.className = 'c  d'; el.className += ' e'; el.setAttribute('class', 'f'); el.setAttribute('title', 'g')`)).toBe(
      `document.getElementsByClassName('p1-a p1-b'); el.className = 'p1-c  p1-d'; el.className += ' p1-e'; el.setAttribute('class', 'p1-f'); el.setAttribute('title', 'g')`,
    )
    expect(js(`Object.assign(el, { className: 'a', title: 'b' })`)).toBe(`Object.assign(el, { className: 'p1-a', title: 'b' })`)
  })

  it('renames classes in HTML strings given to innerHTML and insertAdjacentHTML', () => {
    expect(js(`el.innerHTML = '<span class="badge">' + n + '</span>'; el.insertAdjacentHTML('beforeend', "<i class='icon'></i>")`)).toBe(
      `el.innerHTML = '<span class="p1-badge">' + n + '</span>'; el.insertAdjacentHTML('beforeend', "<i class='p1-icon'></i>")`,
    )
  })

  it('follows a variable declared once with the class or selector', () => {
    expect(js(`var OPEN = 'is-open'; const SEL = '.menu'; document.querySelector(SEL).classList.toggle(OPEN)`)).toBe(
      `var OPEN = 'p1-is-open'; const SEL = '.p1-menu'; document.querySelector(SEL).classList.toggle(OPEN)`,
    )
  })

  it('follows a property of an object declared once with the classes', () => {
    expect(js(`const CLS = { open: 'is-open', 'menu': '.menu' }; document.querySelector(CLS.menu).classList.add(CLS['open'])`)).toBe(
      `const CLS = { open: 'p1-is-open', 'menu': '.p1-menu' }; document.querySelector(CLS.menu).classList.add(CLS['open'])`,
    )
    const mutated = `const CLS = { open: 'is-open' }; CLS.open = other; el.classList.add(CLS.open)`
    expect(js(mutated)).toBe(mutated)
  })

  it('does not follow a variable that is reassigned or declared twice', () => {
    const r = renamer()
    const code = `let a = 'x'; a = 'y'; el.classList.add(a); function f(b) { el.classList.add(b) } var b = 'z'`
    expect(js(code, r)).toBe(code)
    expect(r.warnings.join('\n')).toMatch(/script line 1: classList.add gets a class computed at run time/)
  })

  it('renames the static head of a class whose tail is computed', () => {
    expect(js("el.classList.add('item-' + i); el.classList.add(`card--${variant}`); document.querySelector('.item-' + i + ' .child')")).toBe(
      "el.classList.add('p1-item-' + i); el.classList.add(`p1-card--${variant}`); document.querySelector('.p1-item-' + i + ' .p1-child')",
    )
  })

  it('warns about a class that starts with a computed value, naming the code', () => {
    const r = renamer()
    expect(js("el.className = base + ' is-on'; el.innerHTML = '<b class=\"' + cls + '\">'", r)).toBe("el.className = base + ' p1-is-on'; el.innerHTML = '<b class=\"' + cls + '\">'")
    expect(r.warnings.join('\n')).toContain('"${base}" is computed')
    expect(r.warnings.join('\n')).toContain('"${cls}" is computed')
  })

  it('renames both branches of a choice', () => {
    expect(js(`el.classList.add(open ? 'yes' : 'no'); el.classList.add(custom || 'fallback')`)).toBe(`el.classList.add(open ? 'p1-yes' : 'p1-no'); el.classList.add(custom || 'p1-fallback')`)
  })

  it('understands jQuery: selectors, markup, class methods, delegated events', () => {
    expect(js(`$('.a').addClass('b').find('.c'); jQuery('<div class="d">'); $(document).on('click', '.e', go); $(this).toggleClass('f')`)).toBe(
      `$('.p1-a').addClass('p1-b').find('.p1-c'); jQuery('<div class="p1-d">'); $(document).on('click', '.p1-e', go); $(this).toggleClass('p1-f')`,
    )
  })

  it('never touches comments, identifiers or unrelated strings', () => {
    const code = `// document.querySelector('.a')
/* el.classList.add('a') */
var a = 'a'; var menu = "menu"; console.log('.a', "a"); el.dataset.state = 'a'; var o = { a: 'a' };
el.addEventListener('click', a); fetch('/a.json'); el.querySelector; add('a'); map.has('a')`
    expect(js(code)).toBe(code)
  })

  it('escapes a renamed string for its quotes and keeps template literal syntax', () => {
    expect(js(`document.querySelector('.md\\\\:flex')`)).toBe(`document.querySelector('.p1-md\\\\:flex')`)
    expect(js('el.classList.add(`a`, `b-${x}-c`)')).toBe('el.classList.add(`p1-a`, `p1-b-${x}-c`)')
  })

  it('leaves preserved classes and reports nothing for them', () => {
    const r = renamer(['swiper-*', 'keep'])
    expect(js(`document.querySelector('.swiper-slide.keep.mine'); el.classList.add('keep', 'swiper-x', 'mine')`, r)).toBe(
      `document.querySelector('.swiper-slide.keep.p1-mine'); el.classList.add('keep', 'swiper-x', 'p1-mine')`,
    )
    expect(r.warnings).toEqual([])
  })

  it('leaves a script that does not parse as it is, with a warning naming the line', () => {
    const r = renamer()
    const code = `el.classList.add('a')\nfunction (`
    expect(js(code, r)).toBe(code)
    expect(r.warnings[0]).toMatch(/^script line 2: the script does not parse/)
  })

  it('reads module syntax too', () => {
    expect(js(`import x from './x.js'; export const f = () => document.querySelector('.a')`)).toContain(`'.p1-a'`)
  })
})
