import { load } from 'cheerio'

const SPACE_SPLIT = /([ \t\n\f\r]+)/

/**
 * Renames classes in HTML that was not part of the template: rich text rendered from Lexical for one
 * page, for example. Only the template's own classes (the keys of `classMap`, from fingerprintTemplate)
 * are renamed, so a class the template never styles or scripts keeps its name. HTML without a class to
 * rename comes back as the same string, untouched.
 */
export const renameHtmlClasses = (html: string, classMap: Record<string, string>): string => {
  if (!html.includes('class')) return html
  // htmlparser2 without entity decoding: everything but the renamed values is written back as it came
  const $ = load(html, { xml: { xmlMode: false, decodeEntities: false } }, false)
  let isChanged = false
  $('[class]').each((_, element) => {
    const value = element.attribs.class
    const renamed = value
      .split(SPACE_SPLIT)
      .map((token, i) => (i % 2 === 0 && token && Object.hasOwn(classMap, token) ? classMap[token] : token))
      .join('')
    if (renamed !== value) {
      element.attribs.class = renamed
      isChanged = true
    }
  })
  return isChanged ? $.html() : html
}
