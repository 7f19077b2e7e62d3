/**
 * Pure validators shared by field configs and tests. Each returns `true` or a
 * message that tells the editor what to fix.
 */

const DOMAIN_LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/

export const normalizeDomain = (input: string): string =>
  input
    .trim()
    .toLowerCase()
    .replace(/^https?:\/\//, '')
    .replace(/\/.*$/, '')
    .replace(/\.$/, '')

export const validateDomain = (value: unknown): true | string => {
  if (typeof value !== 'string' || value.trim() === '') return 'Enter the site domain, e.g. example.com'
  const domain = normalizeDomain(value)
  if (domain.length > 253) return 'A domain is at most 253 characters long'
  if (/[:\s/]/.test(domain)) return `"${value}" is not a domain: enter only the host name, e.g. example.com`
  const labels = domain.split('.')
  if (labels.length < 2) return `"${value}" is not a full domain: add the top-level domain, e.g. ${domain}.com`
  const tld = labels[labels.length - 1]
  if (!/^(xn--[a-z0-9-]+|[a-z]{2,63})$/.test(tld)) return `"${value}" does not end in a valid top-level domain`
  const bad = labels.find((label) => !DOMAIN_LABEL.test(label))
  if (bad !== undefined) {
    return `"${value}" is not a valid domain: "${bad}" may only contain letters, digits and hyphens, and may not start or end with a hyphen`
  }
  return true
}

export const validateHttpUrl = (value: unknown, { required = false } = {}): true | string => {
  if (value === undefined || value === null || value === '') return required ? 'Enter a URL starting with https://' : true
  if (typeof value !== 'string') return 'Enter a URL starting with https://'
  // the URL ends up in Location headers and HTML attributes, where a line break or NUL breaks the answer
  const control = /[\u0000-\u001f\u007f-\u009f]/.exec(value)
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')
    return `The URL contains an invisible control character (U+${code}, such as a line break or tab) at position ${control.index + 1}: remove it and save again`
  }
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return `"${value}" is not a URL: enter a full address starting with https://`
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `Only http and https links are allowed, not "${url.protocol.replace(':', '')}"`
  }
  if (!url.hostname) return `"${value}" has no host name`
  return true
}

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/

export const slugify = (input: string): string =>
  input
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9/]+/g, '-')
    .replace(/\/+/g, '/')
    .replace(/(^[-/]+|[-/]+$)/g, '')
    .replace(/-+\//g, '/')
    .replace(/\/-+/g, '/')

export const validateSlug = (value: unknown): true | string => {
  if (typeof value !== 'string' || value === '') return 'Enter a slug, e.g. about-us (use "index" for the home page)'
  if (value.length > 200) return 'A slug is at most 200 characters long'
  if (!SLUG_PATTERN.test(value)) {
    return `"${value}" is not a valid slug: use lowercase letters, digits and hyphens, with "/" between path segments (e.g. guides/getting-started)`
  }
  return true
}

const NAMED_COLORS = new Set(
  (
    'aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood ' +
    'cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray ' +
    'darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen ' +
    'darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue ' +
    'firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew ' +
    'hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan ' +
    'lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray ' +
    'lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue ' +
    'mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred ' +
    'midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid ' +
    'palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple ' +
    'rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue ' +
    'slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white ' +
    'whitesmoke yellow yellowgreen transparent currentcolor'
  ).split(' '),
)

const NUMBER = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?(?:%|deg|rad|grad|turn)?`
const COLOR_FUNCTION = new RegExp(
  String.raw`^(rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(\s*(?:none|${NUMBER})(?:\s*[,\s]\s*(?:none|${NUMBER})){2}(?:\s*[,/]\s*(?:none|${NUMBER}))?\s*\)$`,
)

export const isCssColor = (value: string): boolean => {
  const color = value.trim().toLowerCase()
  if (NAMED_COLORS.has(color)) return true
  if (/^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/.test(color)) return true
  if (/^var\(--[a-z0-9_-]+\)$/.test(color)) return true
  return COLOR_FUNCTION.test(color)
}

export const validateCssColor = (value: unknown, { required = false } = {}): true | string => {
  if (value === undefined || value === null || value === '') return required ? 'Enter a colour, e.g. #1d4ed8' : true
  if (typeof value !== 'string' || !isCssColor(value)) {
    return `"${String(value)}" is not a CSS colour: use a hex value (#1d4ed8), rgb(29 78 216), hsl(...), oklch(...) or a colour name`
  }
  return true
}

const CSS_IDENT = /^[a-z][a-z0-9-]{0,63}$/

/** A colour row's name becomes the CSS custom property `--name`, so it must be an identifier. */
export const validateColorName = (value: unknown): true | string => {
  if (typeof value !== 'string' || value === '') return 'Enter a name for the colour, e.g. primary'
  if (!CSS_IDENT.test(value)) {
    return `"${value}" cannot be a colour name: start with a lowercase letter and use only lowercase letters, digits and hyphens (e.g. primary, text-muted)`
  }
  return true
}

const HEX_COLOR = /^#(?:[0-9a-f]{3}|[0-9a-f]{4}|[0-9a-f]{6}|[0-9a-f]{8})$/i

/** Colour rows take hex colours only: what the colour picker writes and every CSS engine reads. */
export const validateHexColor = (value: unknown): true | string => {
  if (value === undefined || value === null || value === '') return 'Choose a colour or type a hex value such as #1d4ed8'
  if (typeof value !== 'string' || !HEX_COLOR.test(value.trim())) {
    return `"${String(value)}" is not a hex colour: use # followed by 3 or 6 hex digits (e.g. #1d4ed8 or #fff), or 8 with transparency (#1d4ed880)`
  }
  return true
}

const VARIABLE_NAME = /^[a-z_][a-z0-9_]{0,63}$/i

type NamedRow = { name?: unknown } | null | undefined

/** Rows whose names are keys (colours, variables): a name given twice would silently lose one value. */
export const validateUniqueNames = (rows: unknown, what: string): true | string => {
  // in the admin's form state an array is its row count; the server sees the rows
  if (rows === undefined || rows === null || typeof rows === 'number') return true
  if (!Array.isArray(rows)) {
    return `${what}s must be a list of rows, each with a name and a value, e.g. [{"name": "…", "value": "…"}]`
  }
  const seen = new Set<string>()
  for (const row of rows as NamedRow[]) {
    const name = typeof row?.name === 'string' ? row.name : ''
    if (name === '') continue
    if (seen.has(name)) return `The ${what.toLowerCase()} "${name}" is listed twice: keep one row per name`
    seen.add(name)
  }
  return true
}

export const validateVariableName = (value: unknown): true | string => {
  if (typeof value !== 'string' || !VARIABLE_NAME.test(value)) {
    return 'Use letters, digits and underscores, starting with a letter (e.g. brand_tagline)'
  }
  return true
}

/** A footprint path variable's value goes into folder names. */
export const validatePathValue = (value: unknown): true | string => {
  if (typeof value !== 'string' || value === '') return 'Enter the value, e.g. astra'
  if (!/^[A-Za-z0-9._-]+$/.test(value)) return `"${value}" may only contain letters, digits, ".", "_" and "-" (it becomes part of a folder name)`
  return true
}

/** A relative folder inside the built site, e.g. `wp-content/themes/{theme}/css`. */
export const validateSitePath = (value: unknown): true | string => {
  if (value === undefined || value === null || value === '') return true
  if (typeof value !== 'string') return 'Enter a folder path'
  if (value.startsWith('/') || value.includes('\\')) return 'Enter a relative folder without a leading "/", e.g. assets/css'
  if (value.split('/').some((part) => part === '..' || part === '.')) return 'A path may not contain "." or ".." segments'
  if (!/^[A-Za-z0-9._{}\/-]+$/.test(value)) return 'A path may only contain letters, digits, ".", "_", "-", "/" and {variables}'
  return true
}

export const validateLanguageCode = (value: unknown): true | string => {
  if (typeof value !== 'string' || !/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/.test(value)) {
    return 'Use a BCP 47 language code such as en, de, pt-BR or zh-Hant'
  }
  return true
}
