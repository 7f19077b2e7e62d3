/**
 * The demo's two templates. Liquid variables they use (the site builder's
 * render context): brand_name, tagline and the other template variables,
 * site.domain, site.language, site.logo, navigation (items with url, label,
 * current), page.title, page.h1, page.meta_description, page.starts_with_hero,
 * content (the rendered blocks, already-safe HTML), menu and footer_menu (the
 * template's menu partials, rendered), year, head (meta/CSS/tracker tags,
 * monolithic layouts only) and scripts.
 */

import { rowsFromMap } from '../../fields/keyValueRows'

export const colorVariables = {
  primary: '#1f6f50',
  accent: '#f08a4b',
  text: '#1c2421',
  background: '#fbfaf7',
  muted: '#5f6b66',
}

const VARIABLES_HELP =
  'Liquid variables (see plugins/site-builder/README.md): brand_name, tagline, site.domain, site.language, site.logo, navigation[] (url, label, current), page.title, page.h1, page.starts_with_hero, content, menu, footer_menu, year.'

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

const faq = `<section id="{{ block_id }}" class="block block--faq"{% if heading %} aria-labelledby="{{ block_id }}-title"{% endif %}>
  {%- if heading %}
  <h2 id="{{ block_id }}-title" class="faq__heading">{{ heading }}</h2>
  {%- endif %}
  <div class="faq__list">
    {% for item in items %}
    <details class="faq__item">
      <summary class="faq__question">{{ item.question }}</summary>
      <div class="faq__answer"><p>{{ item.answer }}</p></div>
    </details>
    {% endfor %}
  </div>
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
      {{ menu }}
    </nav>
  </div>
</header>`

// the page's heading band; a page that opens with a Hero block has that instead (the builder leaves this section out)
const hero = `<section class="page-heading">
  <div class="container">
    <h1 class="page-heading__title">{{ page.h1 | default: page.title }}</h1>
    {% if tagline != blank %}<p class="page-heading__tagline">{{ tagline }}</p>{% endif %}
  </div>
</section>`

const content = `<main id="main" class="site-main" tabindex="-1">
  {{ content }}
</main>`

const footer = `<footer class="site-footer">
  <div class="site-footer__inner container">
    <nav aria-label="Footer">
      {{ footer_menu }}
    </nav>
    <p class="site-footer__copy">&copy; {{ year }} {{ brand_name }} &middot; {{ site.domain }}</p>
    {% if footer_note != blank %}<p class="site-footer__note">{{ footer_note }}</p>{% endif %}
  </div>
</footer>`

const css = `/*
 * Colours: the builder emits --primary, --accent, --text, --background and --muted on :root (the template's
 * colorVariables with the site's custom colours over them) before this stylesheet, so they are not declared
 * here (declaring them again would override the site's colours). Everything else derives from them.
 * Mobile first; breakpoints 48rem (768px) and 64rem (1024px).
 */
:root {
  --surface: color-mix(in srgb, var(--background) 91%, var(--primary));
  --raised: var(--background);
  --line: color-mix(in srgb, var(--text) 13%, transparent);
  --on-primary: #fff;
  --on-accent: #14110f;
  --focus: var(--primary);
  --radius: 0.75rem;
  --radius-lg: 1.25rem;
  --shadow: 0 1px 2px rgb(16 24 20 / 0.06), 0 6px 20px -6px rgb(16 24 20 / 0.16);
  --shadow-lg: 0 2px 4px rgb(16 24 20 / 0.06), 0 18px 40px -12px rgb(16 24 20 / 0.28);
  --space: clamp(1rem, 0.8rem + 1vw, 1.5rem);
  --block-gap: clamp(3rem, 2.2rem + 3vw, 5rem);
  --content: 46rem;
  --wide: 72rem;
  --h2: clamp(1.55rem, 1.25rem + 1.3vw, 2.15rem);
  --font: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
}

/* Text on --primary and --accent: white or near-black, whichever reads better on the site's colour. */
@supports (color: oklch(from red clamp(0, (0.62 - l) * 1000, 1) 0 0)) {
  :root {
    --on-primary: oklch(from var(--primary) clamp(0.16, (0.62 - l) * 1000, 1) 0 0);
    --on-accent: oklch(from var(--accent) clamp(0.16, (0.62 - l) * 1000, 1) 0 0);
    --raised: oklch(from var(--background) min(1, l + 0.03) c h);
  }
}

/* Base */
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; scroll-padding-top: 5rem; }
body {
  margin: 0;
  font-family: var(--font);
  font-size: 1.0625rem;
  line-height: 1.65;
  color: var(--text);
  background: var(--background);
  -webkit-font-smoothing: antialiased;
}
img { max-width: 100%; height: auto; display: block; }
/* The builder may wrap an image in <picture> (AVIF/WebP sources): lay the <img> out as if it stood alone. */
picture { display: contents; }
source { display: none; }
a { color: var(--primary); text-decoration-thickness: 0.08em; text-underline-offset: 0.2em; }
a:hover { color: var(--text); }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 3px; }
h1, h2, h3, h4 { line-height: 1.2; margin: 1.5em 0 0.5em; letter-spacing: -0.015em; text-wrap: balance; }
h1 { font-size: clamp(2rem, 1.45rem + 2.6vw, 3.25rem); margin-top: 0; letter-spacing: -0.025em; }
h2 { font-size: var(--h2); }
h3 { font-size: 1.25rem; }
p { text-wrap: pretty; }
strong { font-weight: 700; }

.container { width: min(100% - 2 * var(--space), var(--wide)); margin-inline: auto; }
.visually-hidden {
  position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0;
}
.skip-link {
  position: absolute; left: var(--space); top: -4rem; z-index: 20;
  padding: 0.6rem 1rem; border-radius: var(--radius);
  background: var(--text); color: var(--background); font-weight: 700;
}
.skip-link:focus { top: var(--space); color: var(--background); }

/* Buttons */
.button {
  display: inline-flex; align-items: center; justify-content: center; gap: 0.5rem;
  min-height: 2.875rem; padding: 0.7rem 1.5rem;
  border: 2px solid transparent; border-radius: 999px;
  background: var(--accent); color: var(--on-accent);
  font: inherit; font-weight: 700; line-height: 1.2; text-align: center; text-decoration: none;
  box-shadow: 0 1px 2px rgb(0 0 0 / 0.12), 0 4px 12px -4px color-mix(in srgb, var(--accent) 70%, transparent);
  cursor: pointer;
}
.button:hover { background: color-mix(in srgb, var(--accent) 86%, #000); color: var(--on-accent); }
.button:active { transform: translateY(1px); }

/* Header */
.site-header {
  position: sticky; top: 0; z-index: 10;
  background: color-mix(in srgb, var(--background) 94%, transparent);
  border-bottom: 1px solid var(--line);
}
@supports (backdrop-filter: blur(1px)) {
  .site-header { background: color-mix(in srgb, var(--background) 82%, transparent); backdrop-filter: saturate(1.4) blur(10px); }
}
.site-header__inner { display: flex; align-items: center; justify-content: space-between; flex-wrap: wrap; gap: 0 var(--space); min-height: 4rem; }
.brand { display: inline-flex; align-items: center; gap: 0.65rem; padding-block: 0.5rem; font-weight: 800; font-size: 1.15rem; letter-spacing: -0.01em; color: var(--text); text-decoration: none; }
.brand:hover { color: var(--primary); }
.brand__logo { width: 2.5rem; height: 2.5rem; border-radius: 0.6rem; }
.site-nav__toggle {
  display: inline-flex; align-items: center; justify-content: center;
  width: 2.75rem; height: 2.75rem; margin-right: -0.5rem; padding: 0;
  background: none; border: 0; border-radius: var(--radius); color: var(--text); cursor: pointer;
}
.site-nav__toggle:hover { background: var(--surface); }
.site-nav__bars, .site-nav__bars::before, .site-nav__bars::after { display: block; width: 1.4rem; height: 2px; border-radius: 2px; background: currentColor; position: relative; }
.site-nav__bars::before, .site-nav__bars::after { content: ""; position: absolute; left: 0; }
.site-nav__bars::before { top: -7px; }
.site-nav__bars::after { top: 7px; }
.site-nav { display: none; flex-basis: 100%; padding-bottom: 0.75rem; }
.site-nav.is-open { display: block; }
.site-nav__list { display: flex; flex-direction: column; list-style: none; margin: 0; padding: 0; }
.site-nav__item + .site-nav__item { border-top: 1px solid var(--line); }
.site-nav__link { display: block; padding: 0.75rem 0.25rem; color: var(--text); text-decoration: none; font-weight: 600; }
.site-nav__link:hover { color: var(--primary); }
.site-nav__link[aria-current="page"] { color: var(--primary); }

/* Page heading (the h1 band) */
.page-heading {
  --focus: var(--on-primary);
  position: relative; overflow: hidden;
  padding: clamp(2.25rem, 1.5rem + 4vw, 4.5rem) 0 clamp(2rem, 1.25rem + 3.5vw, 4rem);
  color: var(--on-primary);
  background:
    radial-gradient(120% 160% at 0% 0%, color-mix(in srgb, var(--primary) 90%, #fff), transparent 60%),
    linear-gradient(135deg, var(--primary) 25%, color-mix(in srgb, var(--primary) 58%, #000));
}
.page-heading__title { max-width: 22ch; margin: 0; }
.page-heading__tagline { max-width: 48ch; margin: 0.75rem 0 0; font-size: clamp(1.05rem, 1rem + 0.4vw, 1.25rem); opacity: 0.92; }

/*
 * Content: a grid with a reading column (content), a wider one (wide, the header's width) and the full width.
 * Blocks sit in the reading column unless they ask for more.
 */
.site-main {
  display: grid;
  grid-template-columns:
    [full-start] minmax(var(--space), 1fr)
    [wide-start] minmax(0, calc((var(--wide) - var(--content)) / 2))
    [content-start] min(100% - 2 * var(--space), var(--content))
    [content-end] minmax(0, calc((var(--wide) - var(--content)) / 2))
    [wide-end] minmax(var(--space), 1fr) [full-end];
  --main-end: clamp(3rem, 2rem + 4vw, 5.5rem);
  row-gap: var(--block-gap);
  padding-block: clamp(2rem, 1.5rem + 2.5vw, 3.5rem) var(--main-end);
}
.site-main:focus { outline: none; }
.site-main > * { grid-column: content; min-width: 0; margin: 0; }
.block--hero, .block--text-image, .block--swiper, .block--gallery, .block--cta, .block--image-wide { grid-column: wide; }
.block--image-full, .block--cta-banner { grid-column: full; }
.site-main > .block--cta-banner:last-child { margin-bottom: calc(-1 * var(--main-end)); }

.article__heading, .text-image__heading, .swiper__heading, .gallery__heading, .faq__heading {
  margin: 0 0 1rem; font-size: var(--h2);
}

/* Rich text */
.prose > :first-child { margin-top: 0; }
.prose > :last-child { margin-bottom: 0; }
.prose p, .prose ul, .prose ol { margin: 0 0 1.1em; }
.prose h2 { margin: 1.8em 0 0.5em; font-size: clamp(1.35rem, 1.2rem + 0.7vw, 1.7rem); }
.prose h3 { margin: 1.6em 0 0.4em; font-size: 1.2rem; }
.prose ul, .prose ol { padding-left: 1.35rem; }
.prose li + li { margin-top: 0.4em; }
.prose li::marker { color: var(--primary); font-weight: 700; }
.prose a { font-weight: 600; }
.prose blockquote {
  margin: 1.75em 0; padding: 1.1rem 1.4rem;
  border-left: 4px solid var(--accent); border-radius: 0 var(--radius) var(--radius) 0;
  background: var(--surface);
  font-size: 1.15rem; font-style: italic; line-height: 1.5;
}
.prose blockquote p { margin: 0; }
.prose img { border-radius: var(--radius); }
.prose h4, .prose h5, .prose h6 { margin: 1.4em 0 0.4em; font-size: 1.05rem; }
.prose hr { margin: 2em 0; border: 0; border-top: 1px solid var(--line); }
.prose code { padding: 0.1em 0.35em; border-radius: 0.3em; background: var(--surface); font-size: 0.9em; }
.prose mark { background: color-mix(in srgb, var(--accent) 30%, transparent); color: inherit; }
.prose .checklist { list-style: none; padding-left: 0; }
.prose .checklist .checklist { padding-left: 1.75rem; }
.prose .checklist input { margin: 0 0.45rem 0 0; accent-color: var(--primary); }
/* wide tables scroll sideways instead of widening the page */
.prose table { display: block; max-width: 100%; overflow-x: auto; border-collapse: collapse; margin: 0 0 1.1em; }
.prose th, .prose td { padding: 0.5rem 0.75rem; border: 1px solid var(--line); text-align: left; vertical-align: top; }
.prose thead th { background: var(--surface); }
/* what the editor aligned or indented (the classes the builder writes for rich text) */
.prose .text-center { text-align: center; }
.prose .text-right { text-align: right; }
.prose .text-end { text-align: end; }
.prose .text-justify { text-align: justify; }
.prose .indent-1 { margin-inline-start: 2rem; }
.prose .indent-2 { margin-inline-start: 4rem; }
.prose .indent-3 { margin-inline-start: 6rem; }
.prose .indent-4 { margin-inline-start: 8rem; }
.prose .indent-5 { margin-inline-start: 10rem; }
.prose .indent-6 { margin-inline-start: 12rem; }

/* Hero: centered (default), split (text beside image) and background (image behind text) */
.hero__inner { display: grid; gap: clamp(1.5rem, 1rem + 2vw, 2.5rem); }
.hero__heading { margin: 0; font-size: clamp(2rem, 1.5rem + 2.4vw, 3rem); letter-spacing: -0.025em; }
.hero__subheading { margin: 0.9rem 0 0; font-size: clamp(1.05rem, 1rem + 0.45vw, 1.3rem); line-height: 1.55; color: var(--muted); }
.hero__actions { margin: 1.6rem 0 0; }
.hero__button::after { content: "\\2192"; content: "\\2192" / ""; }
.hero__image { width: 100%; border-radius: var(--radius-lg); }

.block--hero-centered .hero__inner { justify-items: center; text-align: center; padding-block: clamp(1rem, 3vw, 2.5rem) 0; }
.block--hero-centered .hero__text { max-width: 44rem; }
.block--hero-centered .hero__media { width: 100%; }
.block--hero-centered .hero__image { aspect-ratio: 16 / 9; object-fit: cover; box-shadow: var(--shadow-lg); }

.block--hero-split .hero__inner {
  gap: 0; overflow: hidden;
  border-radius: var(--radius-lg); background: var(--surface);
  border: 1px solid var(--line);
}
.block--hero-split .hero__text { padding: clamp(1.5rem, 1rem + 3vw, 3.5rem); align-self: center; }
.block--hero-split .hero__subheading { color: var(--text); }
.block--hero-split .hero__media { order: -1; }
.block--hero-split .hero__image { height: 100%; aspect-ratio: 16 / 9; object-fit: cover; border-radius: 0; }

.block--hero-background .hero__inner {
  --focus: #fff;
  position: relative; isolation: isolate; overflow: hidden;
  align-content: end; min-height: clamp(24rem, 16rem + 30vw, 36rem);
  padding: clamp(1.5rem, 1rem + 3.5vw, 4rem);
  border-radius: var(--radius-lg);
  background: linear-gradient(135deg, var(--primary), color-mix(in srgb, var(--primary) 55%, #000));
  color: #fff;
  box-shadow: var(--shadow-lg);
}
.block--hero-background .hero__text { max-width: 40rem; text-shadow: 0 1px 12px rgb(0 0 0 / 0.35); }
.block--hero-background .hero__subheading { color: #fff; opacity: 0.95; }
.block--hero-background .hero__media { position: absolute; inset: 0; z-index: -1; }
.block--hero-background .hero__media::after {
  content: ""; position: absolute; inset: 0;
  background: linear-gradient(to top, rgb(0 0 0 / 0.82), rgb(0 0 0 / 0.55) 55%, rgb(0 0 0 / 0.15));
}
.block--hero-background .hero__image { width: 100%; height: 100%; object-fit: cover; border-radius: 0; }
.block--hero-background .hero__button { text-shadow: none; }

/* Text beside image */
.block--text-image { display: grid; gap: clamp(1.5rem, 1rem + 3vw, 4rem); align-items: center; }
.text-image__image { width: 100%; border-radius: var(--radius-lg); box-shadow: var(--shadow); }
.text-image__body { font-size: 1.075rem; }

/* Image */
.image { margin: 0; }
.image__link { display: block; border-radius: var(--radius-lg); }
.image__img { width: 100%; border-radius: var(--radius-lg); }
.image__caption {
  margin-top: 0.75rem; padding-left: 0.75rem;
  border-left: 3px solid var(--accent);
  color: var(--muted); font-size: 0.925rem; line-height: 1.45;
}
.block--image-full .image__link, .block--image-full .image__img { border-radius: 0; }
.block--image-full .image__img { max-height: min(80vh, 44rem); object-fit: cover; }
.block--image-full .image__caption { width: min(100% - 2 * var(--space), var(--wide)); margin-inline: auto; }

/* Call to action: primary (solid box), secondary (quiet box), banner (full-width band) */
.block--cta {
  display: grid; justify-items: center;
  padding: clamp(2rem, 1.25rem + 3.5vw, 3.5rem) clamp(1.25rem, 0.75rem + 4vw, 4rem);
  border-radius: var(--radius-lg);
  text-align: center;
}
.cta__heading { margin: 0; font-size: clamp(1.45rem, 1.2rem + 1.2vw, 2.1rem); max-width: 30ch; }
.cta__text { margin: 0.6rem 0 0; max-width: 48ch; font-size: 1.075rem; }
.cta__actions { margin: 1.5rem 0 0; }
.cta__button::after { content: "\\2192"; content: "\\2192" / ""; }

.block--cta-primary, .block--cta-banner {
  --focus: var(--on-primary);
  color: var(--on-primary);
  background:
    radial-gradient(120% 160% at 0% 0%, color-mix(in srgb, var(--primary) 90%, #fff), transparent 60%),
    linear-gradient(135deg, var(--primary) 25%, color-mix(in srgb, var(--primary) 58%, #000));
  box-shadow: var(--shadow-lg);
}
.block--cta-secondary { background: var(--surface); border: 1px solid var(--line); }
.block--cta-secondary .cta__button { background: var(--primary); color: var(--on-primary); box-shadow: var(--shadow); }
.block--cta-secondary .cta__button:hover { background: color-mix(in srgb, var(--primary) 84%, #000); color: var(--on-primary); }
.block--cta-banner {
  border-radius: 0; box-shadow: none;
  padding-inline: max(var(--space), (100% - var(--wide)) / 2);
}

/* FAQ */
.faq__list { display: grid; gap: 0.75rem; }
.faq__item {
  border: 1px solid var(--line); border-radius: var(--radius);
  background: var(--raised);
}
.faq__item[open] { border-color: color-mix(in srgb, var(--primary) 45%, transparent); box-shadow: var(--shadow); }
.faq__question {
  display: flex; align-items: center; justify-content: space-between; gap: 1rem;
  min-height: 3.25rem; padding: 0.9rem 1.25rem;
  border-radius: calc(var(--radius) - 1px);
  font-weight: 650; line-height: 1.4;
  list-style: none; cursor: pointer;
}
.faq__question::-webkit-details-marker { display: none; }
.faq__question::after {
  content: ""; flex: none; width: 0.6rem; height: 0.6rem; margin-right: 0.25rem;
  border-right: 2px solid var(--primary); border-bottom: 2px solid var(--primary);
  transform: translateY(-25%) rotate(45deg);
}
.faq__item[open] > .faq__question::after { transform: translateY(25%) rotate(-135deg); }
.faq__question:hover { color: var(--primary); }
.faq__answer { padding: 0 1.25rem 1.1rem; color: var(--muted); }
.faq__answer p { margin: 0; }

/* Swiper: a row of product cards that scrolls sideways and snaps (the partial also sets the flex/scroll basics inline) */
.swiper__track {
  --card-gap: clamp(0.875rem, 0.6rem + 1vw, 1.5rem);
  display: flex; overflow-x: auto; scroll-snap-type: x mandatory;
  gap: var(--card-gap);
  margin: 0 calc(-1 * var(--space)); padding: 0.5rem var(--space) 1.25rem;
  scroll-padding-inline: var(--space);
  list-style: none;
  overscroll-behavior-x: contain;
  scrollbar-width: thin;
  scrollbar-color: color-mix(in srgb, var(--primary) 45%, transparent) transparent;
  border-radius: var(--radius);
}
.swiper__track:focus-visible { outline-offset: -3px; }
.swiper__item { flex: 0 0 min(82%, 19rem); scroll-snap-align: start; }
.card {
  position: relative; display: flex; flex-direction: column;
  overflow: hidden;
  border: 1px solid var(--line); border-radius: var(--radius-lg);
  background: var(--raised);
  box-shadow: var(--shadow);
}
.card__image { width: 100%; aspect-ratio: 16 / 10; object-fit: cover; background: var(--surface); }
.card__title { margin: 1.1rem 1.25rem 0; font-size: 1.2rem; }
.card__badge {
  align-self: flex-start; margin: 0.6rem 1.25rem 0; padding: 0.25rem 0.7rem;
  border-radius: 999px;
  background: var(--accent); color: var(--on-accent);
  font-size: 0.8rem; font-weight: 700; line-height: 1.3; letter-spacing: 0.02em;
}
.card:has(.card__image) .card__badge { position: absolute; top: 0.75rem; left: 0.75rem; margin: 0; box-shadow: 0 2px 8px rgb(0 0 0 / 0.2); }
.card__rating { display: flex; align-items: center; gap: 0.35rem; margin: 0.45rem 1.25rem 0; font-weight: 700; font-size: 0.95rem; }
.card__rating::before { content: "\\2605"; content: "\\2605" / ""; color: var(--accent); font-size: 1.1rem; line-height: 1; }
.card__description { margin: 0.5rem 1.25rem 0; color: var(--muted); font-size: 0.975rem; line-height: 1.55; }
.card__button { margin: auto 1.25rem 1.25rem; align-self: stretch; }
.card > :has(+ .card__button) { margin-bottom: 1.25rem; }

/* Gallery: --columns (1 to 6) comes from the block; narrow screens show fewer */
.gallery__grid {
  --gap: clamp(0.75rem, 0.5rem + 1vw, 1.25rem);
  --cols: var(--columns, 3);
  display: grid; gap: var(--gap);
  grid-template-columns: repeat(auto-fill, minmax(max(9.5rem, (100% - (var(--cols) - 1) * var(--gap)) / var(--cols)), 1fr));
  margin: 0; padding: 0; list-style: none;
}
.gallery__item { min-width: 0; }
.gallery__figure { margin: 0; }
.gallery__image {
  width: 100%; aspect-ratio: 4 / 3; object-fit: cover;
  border-radius: var(--radius); background: var(--surface);
  box-shadow: var(--shadow);
}
.gallery__caption { margin-top: 0.55rem; color: var(--muted); font-size: 0.9rem; line-height: 1.4; }

/* Footer */
.site-footer {
  --focus: var(--background);
  padding-block: clamp(2.25rem, 1.75rem + 2vw, 3.5rem);
  background: var(--text); color: var(--background);
}
.site-footer__inner { display: grid; gap: 1rem 2rem; }
.site-footer__list { display: flex; flex-wrap: wrap; gap: 0.25rem 1.5rem; margin: 0; padding: 0; list-style: none; }
.site-footer__link { display: inline-block; padding-block: 0.35rem; color: inherit; font-weight: 600; text-decoration: none; }
.site-footer__link:hover { color: inherit; text-decoration: underline; }
.site-footer__copy, .site-footer__note { margin: 0; font-size: 0.925rem; color: color-mix(in srgb, var(--background) 80%, var(--text)); }
.site-footer__inner > nav { padding-bottom: 1rem; border-bottom: 1px solid color-mix(in srgb, var(--background) 18%, transparent); }

/* Tablet and up */
@media (min-width: 48rem) {
  .site-nav__toggle { display: none; }
  .site-nav { display: block; flex-basis: auto; padding: 0; }
  .site-nav__list { flex-direction: row; flex-wrap: wrap; gap: 0.25rem 1.5rem; }
  .site-nav__item + .site-nav__item { border-top: 0; }
  .site-nav__link { padding: 0.5rem 0; }
  .site-nav__link:hover, .site-nav__link[aria-current="page"] { box-shadow: inset 0 -2px 0 var(--accent); }

  .block--hero-split .hero__inner { grid-template-columns: 1fr 1fr; }
  .block--hero-split .hero__media { order: 0; }
  .block--hero-background .hero__media::after { background: linear-gradient(to top, rgb(0 0 0 / 0.8), rgb(0 0 0 / 0.42) 45%, rgb(0 0 0 / 0) 80%); }
  .block--hero-split .hero__image { aspect-ratio: auto; min-height: 20rem; }

  .block--text-image { grid-template-columns: 1fr 1fr; }
  .block--text-image-left .text-image__media { order: -1; }

  .block--cta-secondary, .block--cta-banner {
    grid-template-columns: 1fr auto; justify-items: start; align-items: center;
    column-gap: 2.5rem; text-align: left;
  }
  .block--cta-secondary .cta__actions, .block--cta-banner .cta__actions { grid-column: 2; grid-row: 1 / span 2; margin: 0; }

  .swiper__item { flex-basis: calc((100% - var(--card-gap)) / 2); }

  .site-footer__inner { grid-template-columns: auto 1fr; align-items: start; }
  .site-footer__inner > nav { grid-column: 1 / -1; }
  .site-footer__note { text-align: right; }
}

/* Desktop */
@media (min-width: 64rem) {
  .block--text-image { grid-template-columns: 6fr 5fr; }
  .block--text-image-left { grid-template-columns: 5fr 6fr; }
  .swiper__item { flex-basis: calc((100% - 2 * var(--card-gap)) / 3); }
}

@media (prefers-reduced-motion: no-preference) {
  html { scroll-behavior: smooth; }
  a, .button, .faq__question, .site-nav__link { transition: color 0.15s, background-color 0.15s, box-shadow 0.15s, transform 0.15s; }
  .faq__question::after { transition: transform 0.2s; }
  .card { transition: box-shadow 0.2s, transform 0.2s; }
  .card:hover { transform: translateY(-3px); box-shadow: var(--shadow-lg); }
  .hero__button::after, .cta__button::after { transition: transform 0.15s; }
  .hero__button:hover::after, .cta__button:hover::after { transform: translateX(3px); }
  .gallery__image { transition: transform 0.3s, box-shadow 0.3s; }
  .gallery__image:hover { transform: scale(1.02); box-shadow: var(--shadow-lg); }
}

@media (forced-colors: active) {
  .card, .faq__item, .block--cta { border: 1px solid CanvasText; }
  .card__badge { border: 1px solid CanvasText; }
}

@media print {
  .site-header, .site-nav__toggle, .skip-link { display: none; }
  .page-heading, .block--cta, .block--hero-background .hero__inner { background: none; color: #000; box-shadow: none; }
  .block--hero-background .hero__media { display: none; }
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

// no default texts: what a published page says, the editor wrote (the site's template variables)
const variables = [
  {
    name: 'tagline',
    required: false,
    defaultValue: '',
    description: 'One sentence under the page heading (not shown when empty)',
  },
  {
    name: 'footer_note',
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
    { type: 'header' as const, name: 'Header', order: 10, html: header },
    { type: 'hero' as const, name: 'Page heading', order: 20, html: hero },
    { type: 'content' as const, name: 'Content', order: 30, html: content },
    { type: 'footer' as const, name: 'Footer', order: 40, html: footer },
  ],
  variables,
  colorVariables: rowsFromMap(colorVariables),
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
{% unless page.starts_with_hero %}${hero}{% endunless %}
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
  colorVariables: rowsFromMap(colorVariables),
  cssOutput: 'inline' as const,
  jsOutput: 'defer' as const,
}
