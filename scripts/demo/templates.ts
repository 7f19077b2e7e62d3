/**
 * The demo's two templates. Liquid variables they use (the site builder's
 * render context): brand_name, tagline and the other template variables,
 * site.domain, site.language, site.logo, navigation (items with url, label,
 * current), page.title, page.h1, page.meta_description, content (the rendered
 * blocks, already-safe HTML), year, head (meta/CSS/tracker tags, monolithic
 * layouts only) and scripts.
 */

export const colorVariables = {
  primary: '#1f6f50',
  accent: '#f08a4b',
  text: '#1c2421',
  background: '#fbfaf7',
  muted: '#5f6b66',
}

const VARIABLES_HELP =
  'Liquid variables (see plugins/site-builder/README.md): brand_name, tagline, site.domain, site.language, site.logo, navigation[] (url, label, current), page.title, page.h1, content, year.'

const menu = `<ul class="site-nav__list">
  {% for item in navigation %}
  <li class="site-nav__item"><a class="site-nav__link" href="{{ item.url }}"{% if item.current %} aria-current="page"{% endif %}>{{ item.label }}</a></li>
  {% endfor %}
</ul>`

const footerMenu = `<ul class="site-footer__list">
  {% for item in navigation %}
  <li><a class="site-footer__link" href="{{ item.url }}">{{ item.label }}</a></li>
  {% endfor %}
</ul>`

const faq = `<section id="{{ block_id }}" class="faq" aria-labelledby="{{ block_id }}-heading">
  <h2 id="{{ block_id }}-heading" class="faq__heading">{{ heading | default: "Frequently asked questions" }}</h2>
  {% for item in items %}
  <details class="faq__item">
    <summary class="faq__question">{{ item.question }}</summary>
    <div class="faq__answer"><p>{{ item.answer }}</p></div>
  </details>
  {% endfor %}
</section>`

const header = `<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <div class="site-header__inner container">
    <a class="brand" href="/" aria-label="{{ brand_name }} home">
      {% if site.logo %}<img class="brand__logo" src="{{ site.logo.url }}" alt="" width="40" height="40">{% endif %}
      <span class="brand__name">{{ brand_name }}</span>
    </a>
    <button class="site-nav__toggle" type="button" aria-expanded="false" aria-controls="site-menu">
      <span class="site-nav__bars" aria-hidden="true"></span>
      <span class="visually-hidden">Menu</span>
    </button>
    <nav id="site-menu" class="site-nav" aria-label="Main">
      ${menu}
    </nav>
  </div>
</header>`

const hero = `<section class="page-heading">
  <div class="container">
    <h1 class="page-heading__title">{{ page.h1 | default: page.title }}</h1>
    {% if tagline %}<p class="page-heading__tagline">{{ tagline }}</p>{% endif %}
  </div>
</section>`

const content = `<main id="main" class="site-main container" tabindex="-1">
  {{ content }}
</main>`

const footer = `<footer class="site-footer">
  <div class="site-footer__inner container">
    <nav aria-label="Footer">
      ${footerMenu}
    </nav>
    <p class="site-footer__copy">&copy; {{ year }} {{ brand_name }} &middot; {{ site.domain }}</p>
    {% if footer_note %}<p class="site-footer__note">{{ footer_note }}</p>{% endif %}
  </div>
</footer>`

const css = `:root {
  --primary: ${colorVariables.primary};
  --accent: ${colorVariables.accent};
  --text: ${colorVariables.text};
  --background: ${colorVariables.background};
  --muted: ${colorVariables.muted};
  --surface: color-mix(in srgb, var(--background) 92%, var(--primary));
  --radius: 0.75rem;
  --space: clamp(1rem, 0.8rem + 1vw, 1.5rem);
  --measure: 70ch;
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
}

*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  margin: 0;
  font-family: var(--font);
  font-size: 1.0625rem;
  line-height: 1.65;
  color: var(--text);
  background: var(--background);
}
img { max-width: 100%; height: auto; display: block; }
a { color: var(--primary); text-underline-offset: 0.2em; }
a:hover { color: var(--text); }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
h1, h2, h3 { line-height: 1.2; margin: 1.5em 0 0.5em; }
h1 { font-size: clamp(2rem, 1.4rem + 3vw, 3.25rem); margin-top: 0; }
h2 { font-size: clamp(1.5rem, 1.2rem + 1.5vw, 2rem); }

.container { width: min(100% - 2 * var(--space), 72rem); margin-inline: auto; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.skip-link { position: absolute; left: var(--space); top: -3rem; padding: 0.5rem 1rem; background: var(--text); color: var(--background); border-radius: var(--radius); z-index: 10; }
.skip-link:focus { top: var(--space); }

.site-header { background: var(--background); border-bottom: 1px solid color-mix(in srgb, var(--text) 12%, transparent); position: sticky; top: 0; z-index: 5; }
.site-header__inner { display: flex; align-items: center; justify-content: space-between; gap: var(--space); min-height: 4rem; flex-wrap: wrap; }
.brand { display: inline-flex; align-items: center; gap: 0.6rem; font-weight: 700; font-size: 1.2rem; color: var(--text); text-decoration: none; }
.brand__logo { border-radius: 0.5rem; }
.site-nav__toggle { display: none; background: none; border: 0; padding: 0.75rem; cursor: pointer; color: var(--text); }
.site-nav__bars, .site-nav__bars::before, .site-nav__bars::after { display: block; width: 1.5rem; height: 2px; background: currentColor; position: relative; }
.site-nav__bars::before, .site-nav__bars::after { content: ""; position: absolute; }
.site-nav__bars::before { top: -7px; }
.site-nav__bars::after { top: 7px; }
.site-nav__list { display: flex; gap: 0.25rem 1.25rem; list-style: none; margin: 0; padding: 0; flex-wrap: wrap; }
.site-nav__link { display: block; padding: 0.5rem 0; color: var(--text); text-decoration: none; font-weight: 500; }
.site-nav__link:hover, .site-nav__link[aria-current="page"] { color: var(--primary); box-shadow: inset 0 -2px 0 var(--accent); }

.page-heading { background: linear-gradient(135deg, var(--primary), color-mix(in srgb, var(--primary) 60%, #000)); color: #fff; padding: calc(var(--space) * 3) 0 calc(var(--space) * 2.5); }
.page-heading__tagline { font-size: 1.2rem; max-width: var(--measure); margin: 0; opacity: 0.92; }

.site-main { padding-block: calc(var(--space) * 2); }
.site-main > * + * { margin-top: calc(var(--space) * 2); }
.site-main p, .site-main li { max-width: var(--measure); }
.site-main figure { margin: 0; }
.site-main figcaption { color: var(--muted); font-size: 0.9rem; margin-top: 0.5rem; }
.site-main blockquote { border-left: 4px solid var(--accent); margin: 1.5rem 0; padding: 0.25rem 0 0.25rem 1rem; color: var(--muted); }

.button, .site-main a[role="button"] {
  display: inline-block; padding: 0.8rem 1.4rem; border-radius: 999px;
  background: var(--accent); color: var(--text); font-weight: 700; text-decoration: none;
}
.button:hover { background: color-mix(in srgb, var(--accent) 85%, #fff); }

.faq__item { border-bottom: 1px solid color-mix(in srgb, var(--text) 12%, transparent); padding: 0.75rem 0; }
.faq__question { cursor: pointer; font-weight: 600; }
.faq__answer { color: var(--muted); }

.site-footer { background: var(--text); color: var(--background); padding: calc(var(--space) * 2) 0; margin-top: calc(var(--space) * 2); }
.site-footer__inner { display: flex; flex-wrap: wrap; justify-content: space-between; gap: var(--space); }
.site-footer__list { list-style: none; display: flex; flex-wrap: wrap; gap: 1rem; margin: 0; padding: 0; }
.site-footer__link { color: inherit; }
.site-footer__copy { margin: 0; opacity: 0.8; }

@media (max-width: 48rem) {
  .site-nav__toggle { display: block; }
  .site-nav { display: none; flex-basis: 100%; padding-bottom: 1rem; }
  .site-nav.is-open { display: block; }
  .site-nav__list { flex-direction: column; }
}

@media (prefers-reduced-motion: no-preference) {
  html { scroll-behavior: smooth; }
  a, .button { transition: color 0.15s, background-color 0.15s; }
}
`

const js = `(function () {
  var toggle = document.querySelector('.site-nav__toggle');
  var menu = document.querySelector('.site-nav');
  if (!toggle || !menu) return;
  toggle.addEventListener('click', function () {
    var open = menu.classList.toggle('is-open');
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === 'Escape' && menu.classList.contains('is-open')) {
      menu.classList.remove('is-open');
      toggle.setAttribute('aria-expanded', 'false');
      toggle.focus();
    }
  });
})();
`

const variables = [
  {
    name: 'tagline',
    type: 'content' as const,
    required: false,
    defaultValue: 'Honest reviews and guides for the trail.',
    description: 'One sentence under the page heading',
  },
  {
    name: 'footer_note',
    type: 'brand' as const,
    required: false,
    defaultValue: '',
    description: 'Optional line in the footer',
  },
]

export const starterSections = {
  name: 'Starter Sections',
  type: 'sectional' as const,
  description: `A clean, responsive layout in four sections: header with menu, page heading, content, footer. ${VARIABLES_HELP}`,
  css,
  js,
  menuHtml: menu,
  footerMenuHtml: footerMenu,
  faqHtml: faq,
  sections: [
    { type: 'header' as const, name: 'Header', order: 10, html: header, required: true, customizable: true },
    { type: 'hero' as const, name: 'Page heading', order: 20, html: hero, required: false, customizable: true },
    { type: 'content' as const, name: 'Content', order: 30, html: content, required: true, customizable: false },
    { type: 'footer' as const, name: 'Footer', order: 40, html: footer, required: true, customizable: true },
  ],
  variables,
  colorVariables,
  cssFramework: 'custom' as const,
  cssOutput: 'external' as const,
  jsOutput: 'defer' as const,
}

const classicHtml = `<!doctype html>
<html lang="{{ site.language }}">
<head>
{{ head }}
</head>
<body>
${header}
${hero}
${content}
${footer}
{{ scripts }}
</body>
</html>`

export const starterClassic = {
  name: 'Starter Classic',
  type: 'monolithic' as const,
  description: `The same design as one full HTML layout. {{ head }} and {{ scripts }} receive the builder's tags. ${VARIABLES_HELP}`,
  html: classicHtml,
  css,
  js,
  menuHtml: menu,
  footerMenuHtml: footerMenu,
  faqHtml: faq,
  variables: variables.slice(0, 1),
  colorVariables,
  cssFramework: 'custom' as const,
  cssOutput: 'inline' as const,
  jsOutput: 'defer' as const,
}
