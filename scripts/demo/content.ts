import type { Page, Site } from '@/payload-types'
import type { DemoImageKey } from './images'
import { h, ol, p, quote, richText, ul } from './lexical'

/** The demo's words: site, affiliate link, swiper preset and pages. Ids are filled in by the seed. */

type Id = Site['id']

export const DEMO_DOMAIN = 'demo.panel.local'

export const demoSite = {
  domain: DEMO_DOMAIN,
  brandName: 'Trailhead Gear',
  templateVariables: [
    { name: 'tagline', value: 'Trail shoes and gear, tested mile after muddy mile.' },
    { name: 'footer_note', value: 'Independent reviews. We may earn a commission from links.' },
  ],
  customColors: [
    { name: 'primary', value: '#0f5c45' },
    { name: 'accent', value: '#e8742f' },
  ],
}

export const demoLanguages = [
  { code: 'en', name: 'English' },
  { code: 'de', name: 'Deutsch' },
  { code: 'fr', name: 'Français' },
  { code: 'es', name: 'Español' },
]

export const demoFootprint = {
  name: 'WordPress classic',
  pageUrlStyle: 'html' as const,
  themePath: 'wp-content/themes/{theme}',
  imagesPath: 'wp-content/uploads/{year}/{month}',
  cssPath: 'wp-content/themes/{theme}/css',
  jsPath: 'wp-includes/js',
  pathVariables: [
    { name: 'theme', value: 'flavor' },
    { name: 'year', value: '2026' },
    { name: 'month', value: '01' },
  ],
}

export const demoAffiliateLink = {
  name: 'Trail Runner Pro at Summit Outfitters',
  code: 'trail-runner-pro',
  url: 'https://shop.example.com/products/trail-runner-pro?ref=trailhead-gear',
  payout: 12.5,
  active: true,
}

type Media = Record<DemoImageKey, Id>

export const demoPreset = ({ media, affiliateLink }: { media: Media; affiliateLink: Id }) => ({
  name: 'Top trail shoes',
  buttonText: 'See the deal',
  items: [
    {
      title: 'Trail Runner Pro',
      image: media.shoe,
      rating: 4.8,
      badge: "Editor's pick",
      description: 'Grippy, light and stable: the shoe we reach for on technical mountain runs.',
      affiliateLink,
    },
    {
      title: 'Ridge Glide 3',
      image: media.forest,
      rating: 4.5,
      badge: 'Best cushioning',
      description: 'Plush foam for long forest miles and easy gravel days.',
      url: 'https://www.example.com/ridge-glide-3',
    },
    {
      title: 'Scree Grip XT',
      image: media.mountains,
      rating: 4.3,
      badge: 'Best grip',
      description: 'Aggressive 6 mm lugs and a rock plate for loose, steep descents.',
      url: 'https://www.example.org/scree-grip-xt',
    },
  ],
})

export type PageRefs = { media: Media; preset: Id; affiliateLink: Id; pages: Record<string, Id> }

type DemoPage = {
  slug: string
  title: string
  menuLabel: string
  order: number
  h1: string
  keywords: string
  lsiPhrases: string
  meta: { title: string; description: string; image: DemoImageKey }
  /** Slugs of pages this one links to, so they are created first. */
  linksTo: string[]
  blocks: (refs: PageRefs) => NonNullable<Page['blocks']>
}

const affiliateButton = (affiliateLink: Id) => ({ type: 'affiliate' as const, affiliateLink, newTab: true })
const pageButton = (page: Id) => ({ type: 'page' as const, page, newTab: false })

const faqItems = [
  {
    question: 'How long do trail running shoes last?',
    answer: 'Most pairs last 500 to 800 km. Replace them when the lugs are worn smooth or the midsole feels flat.',
  },
  {
    question: 'Should trail shoes fit tighter than road shoes?',
    answer: 'Snug in the heel and midfoot, with a thumb\u2019s width of room at the toes so they do not hit the front on descents.',
  },
  {
    question: 'Do I need waterproof trail shoes?',
    answer: 'Only for cold, wet conditions. Mesh shoes drain and dry faster, which most runners prefer in summer.',
  },
  {
    question: 'What drop is best for trail running?',
    answer: 'Anything from 0 to 8 mm works. If you are switching from a high-drop road shoe, change gradually.',
  },
  {
    question: 'Can I use trail shoes on the road?',
    answer: 'Yes, for short stretches. Deep lugs wear quickly on asphalt and feel less smooth than a road shoe.',
  },
]

export const demoPages: DemoPage[] = [
  {
    slug: 'reviews',
    title: 'Trail shoe reviews',
    menuLabel: 'Reviews',
    order: 1,
    h1: 'Trail shoe reviews',
    keywords: 'trail shoe reviews, best trail running shoes, Trail Runner Pro review',
    lsiPhrases: 'lug depth\nrock plate\nheel-to-toe drop\nstack height\nwet rock grip',
    meta: {
      title: 'Trail shoe reviews 2026 | Trailhead Gear',
      description: 'Long-term trail shoe reviews: grip, comfort and durability tested over hundreds of kilometres of mountain, forest and gravel trails.',
      image: 'shoe',
    },
    linksTo: [],
    blocks: ({ media, affiliateLink }) => [
      {
        blockType: 'hero',
        heading: 'Reviews from the trail, not the lab',
        subheading: 'Every shoe runs at least 150 km before we write a word.',
        image: media.shoe,
        variant: 'split',
      },
      {
        blockType: 'article',
        heading: 'Trail Runner Pro: the all-rounder to beat',
        content: richText(
          p('The ', { bold: 'Trail Runner Pro' }, ' surprised us. It is light enough for racing, yet stable enough for a full day in the mountains.'),
          h('h3', 'What we liked'),
          ul(['5 mm lugs that bite on mud and wet rock'], ['A secure, padded heel'], ['A midsole that still felt fresh after 400 km']),
          h('h3', 'What could be better'),
          ul(['The tongue is thin under tight laces'], ['Narrow toe box for wide feet']),
          quote('Grippy, light and stable: the shoe we reach for on technical runs.'),
          p('Verdict: ', { bold: '4.8 out of 5' }, '. If you only buy one trail shoe this year, make it this one.'),
        ),
      },
      {
        blockType: 'image',
        image: media.forest,
        caption: 'Our forest test loop: 12 km of roots, needles and soft dirt.',
        size: 'wide',
      },
      {
        blockType: 'cta',
        heading: 'Ready to try the Trail Runner Pro?',
        text: 'Free returns for 30 days at our partner store.',
        buttonText: 'Check the price',
        button: affiliateButton(affiliateLink),
        style: 'primary',
      },
    ],
  },
  {
    slug: 'guides/choosing-trail-shoes',
    title: 'How to choose trail running shoes',
    menuLabel: 'Buying guide',
    order: 2,
    h1: 'How to choose trail running shoes',
    keywords: 'how to choose trail running shoes, trail shoe buying guide',
    lsiPhrases: 'terrain type\nshoe fit\ncushioning level\nlug pattern\nwaterproof membrane',
    meta: {
      title: 'How to choose trail running shoes | Trailhead Gear',
      description: 'Terrain, fit, cushioning and grip: a step-by-step guide to choosing trail running shoes that suit your feet and your favourite trails.',
      image: 'topo',
    },
    linksTo: [],
    blocks: ({ media }) => [
      {
        blockType: 'article',
        heading: 'Start with the ground under your feet',
        content: richText(
          p('The right trail shoe depends less on the brand than on ', { italic: 'where' }, ' you run. Work through these steps in order.'),
          h('h2', 'Four steps to the right pair'),
          ol(
            [{ bold: 'Terrain. ' }, 'Soft forest paths favour cushioning; rocky mountain trails favour protection and grip.'],
            [{ bold: 'Fit. ' }, 'Try shoes in the afternoon, with your running socks, and walk downhill if the shop has a ramp.'],
            [{ bold: 'Cushioning. ' }, 'More foam means comfort on long runs, less foam means a better feel for the ground.'],
            [{ bold: 'Grip. ' }, 'Deep, widely spaced lugs shed mud; shallow, sticky rubber holds wet rock.'],
          ),
          h('h2', 'Do not forget the socks'),
          p('Merino or synthetic socks keep blisters away. Cotton holds water and rubs on long descents.'),
        ),
      },
      {
        blockType: 'textImage',
        heading: 'Read the map before you buy',
        text: richText(
          p('Count the climbing on your usual routes. Over 500 m of ascent per run? Pick a shoe with a rock plate and a firm heel.'),
          p('Mostly flat and soft? A lighter, more flexible shoe will feel faster.'),
        ),
        image: media.topo,
        imagePosition: 'left',
      },
      {
        blockType: 'image',
        image: media.lake,
        caption: 'Long days in the mountains need protection more than speed.',
        size: 'full',
      },
      { blockType: 'faq', heading: 'Quick answers', items: faqItems.slice(0, 3) },
    ],
  },
  {
    slug: 'gallery',
    title: 'Trail gallery',
    menuLabel: 'Gallery',
    order: 3,
    h1: 'Where we test',
    keywords: 'trail running photos, trail running routes',
    lsiPhrases: 'mountain trail\nalpine lake\nforest path\nsunrise run',
    meta: {
      title: 'Trail gallery: where we test | Trailhead Gear',
      description: 'Mountains at sunrise, alpine lakes and forest paths: a look at the trails where every Trailhead Gear review is written.',
      image: 'lake',
    },
    linksTo: ['reviews'],
    blocks: ({ media, pages }) => [
      {
        blockType: 'gallery',
        heading: 'Our test trails',
        columns: 3,
        images: [
          { image: media.mountains, caption: 'Ridge line at first light' },
          { image: media.lake, caption: 'The alpine lake turnaround' },
          { image: media.forest, caption: 'Forest loop, 12 km' },
          { image: media.topo, caption: 'Planning the next route' },
          { image: media.shoe, caption: 'The shoes that made it' },
        ],
      },
      {
        blockType: 'cta',
        heading: 'See how the shoes held up',
        buttonText: 'Read the reviews',
        button: pageButton(pages.reviews),
        style: 'secondary',
      },
    ],
  },
  {
    slug: 'faq',
    title: 'Trail running FAQ',
    menuLabel: 'FAQ',
    order: 4,
    h1: 'Trail running questions, answered',
    keywords: 'trail running faq, trail shoe questions',
    lsiPhrases: 'shoe lifespan\nshoe fit\nwaterproof shoes\nheel drop',
    meta: {
      title: 'Trail running FAQ | Trailhead Gear',
      description: 'How long trail shoes last, how they should fit, whether you need waterproof ones and more: short answers to common trail running questions.',
      image: 'forest',
    },
    linksTo: ['guides/choosing-trail-shoes'],
    blocks: ({ pages }) => [
      { blockType: 'faq', heading: 'Frequently asked questions', items: faqItems },
      {
        blockType: 'cta',
        heading: 'Still choosing?',
        text: 'Our buying guide walks you through terrain, fit, cushioning and grip.',
        buttonText: 'Read the buying guide',
        button: pageButton(pages['guides/choosing-trail-shoes']),
        style: 'secondary',
      },
    ],
  },
  {
    slug: 'index',
    title: 'Trailhead Gear',
    menuLabel: 'Home',
    order: 0,
    h1: 'Trail gear that has earned its miles',
    keywords: 'trail running shoes, trail running gear, trail shoe reviews',
    lsiPhrases: 'best trail shoes\ntrail running tips\nrunning gear reviews\nmountain running',
    meta: {
      title: 'Trailhead Gear: trail shoes and gear, tested',
      description: 'Independent trail running shoe reviews and buying guides, tested over hundreds of kilometres of mountain, forest and gravel trails.',
      image: 'mountains',
    },
    linksTo: ['guides/choosing-trail-shoes'],
    blocks: ({ media, preset, affiliateLink, pages }) => [
      {
        blockType: 'hero',
        heading: 'Find your next trail shoe',
        subheading: 'Honest reviews and practical guides from runners who log their miles off-road.',
        image: media.mountains,
        buttonText: 'Read the buying guide',
        variant: 'background',
        button: pageButton(pages['guides/choosing-trail-shoes']),
      },
      {
        blockType: 'textImage',
        heading: 'Tested on 400 km of trail',
        text: richText(
          p('We run every shoe on the same three loops: a rocky ridge, a forest path and a gravel road.'),
          p('No free samples, no paid placements: ', { bold: 'just mud, miles and notes' }, '.'),
        ),
        image: media.shoe,
        imagePosition: 'right',
      },
      { blockType: 'swiper', heading: 'Top trail shoes this season', source: 'preset', preset },
      {
        blockType: 'cta',
        heading: 'Our top pick: Trail Runner Pro',
        text: 'Light, grippy and stable on every surface we tried.',
        buttonText: 'Check the price',
        button: affiliateButton(affiliateLink),
        style: 'banner',
      },
    ],
  },
]
