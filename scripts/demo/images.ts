import sharp from 'sharp'

/**
 * The demo's pictures, drawn as SVG and rasterised by sharp, so the demo
 * needs no network and no binary files in the repository. Shapes only, no
 * text: text in SVG depends on the fonts installed on the machine.
 */

export type DemoImageKey = 'mountains' | 'shoe' | 'forest' | 'topo' | 'lake' | 'logo'

export type DemoImage = {
  key: DemoImageKey
  filename: string
  alt: string
  caption?: string
  mimetype: 'image/jpeg' | 'image/png'
  svg: string
}

const W = 1600
const H = 900

const landscape = (defs: string, body: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}"><defs>${defs}</defs>${body}</svg>`

const mountains = landscape(
  `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1">
     <stop offset="0" stop-color="#0b3d5c"/><stop offset="0.55" stop-color="#f08a4b"/><stop offset="1" stop-color="#fcd5a5"/>
   </linearGradient>
   <linearGradient id="far" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#5b6f8a"/><stop offset="1" stop-color="#3d4d63"/></linearGradient>
   <linearGradient id="near" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#24463a"/><stop offset="1" stop-color="#12261f"/></linearGradient>`,
  `<rect width="${W}" height="${H}" fill="url(#sky)"/>
   <circle cx="1180" cy="430" r="90" fill="#ffe8b0" opacity="0.9"/>
   <polygon points="0,620 180,400 320,520 520,260 700,470 860,330 1040,540 1220,300 1400,480 1600,360 1600,900 0,900" fill="url(#far)"/>
   <polygon points="520,260 482,310 502,302 522,318 542,300 558,305" fill="#f4f1ea"/>
   <polygon points="1220,300 1168,370 1200,356 1228,378 1252,350 1275,355" fill="#f4f1ea"/>
   <polygon points="0,760 220,560 420,700 640,520 860,720 1080,560 1300,740 1600,580 1600,900 0,900" fill="url(#near)"/>
   <path d="M780 900 C 820 820, 720 780, 800 720 S 900 660, 860 620" stroke="#c9a36b" stroke-width="14" fill="none" stroke-linecap="round"/>`,
)

const shoe = landscape(
  `<radialGradient id="bg" cx="0.5" cy="0.45" r="0.75"><stop offset="0" stop-color="#f7f3ec"/><stop offset="1" stop-color="#d9e4dc"/></radialGradient>
   <linearGradient id="upper" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#1f6f50"/><stop offset="1" stop-color="#0f3d2c"/></linearGradient>`,
  `<rect width="${W}" height="${H}" fill="url(#bg)"/>
   <ellipse cx="800" cy="705" rx="520" ry="38" fill="#000" opacity="0.12"/>
   <path d="M330 640 C 330 560, 380 470, 470 430 L 640 370 C 700 350, 760 380, 800 430 C 850 490, 960 520, 1080 530 C 1200 540, 1290 580, 1300 640 Z" fill="url(#upper)"/>
   <path d="M330 640 L 1300 640 C 1300 672, 1270 690, 1230 690 L 380 690 C 350 690, 330 670, 330 640 Z" fill="#f08a4b"/>
   <path d="M350 690 L 1240 690 L 1230 712 L 362 712 Z" fill="#2b2b2b"/>
   <g stroke="#2b2b2b" stroke-width="10" stroke-linecap="round">
     <line x1="360" y1="712" x2="370" y2="728"/><line x1="480" y1="712" x2="488" y2="728"/><line x1="600" y1="712" x2="606" y2="728"/>
     <line x1="720" y1="712" x2="724" y2="728"/><line x1="840" y1="712" x2="842" y2="728"/><line x1="960" y1="712" x2="960" y2="728"/>
     <line x1="1080" y1="712" x2="1078" y2="728"/><line x1="1200" y1="712" x2="1196" y2="728"/>
   </g>
   <g stroke="#f7f3ec" stroke-width="8" stroke-linecap="round">
     <line x1="560" y1="420" x2="640" y2="470"/><line x1="600" y1="400" x2="680" y2="450"/><line x1="640" y1="385" x2="720" y2="432"/>
   </g>
   <path d="M900 560 C 980 585, 1090 590, 1180 580" stroke="#f08a4b" stroke-width="12" fill="none" stroke-linecap="round"/>`,
)

const trees = Array.from({ length: 14 }, (_, i) => {
  const x = 40 + i * 118
  const h = 260 + ((i * 73) % 140)
  const base = 720 + ((i * 37) % 40)
  return `<polygon points="${x},${base} ${x + 55},${base - h} ${x + 110},${base}" fill="${i % 2 ? '#1d4a37' : '#255c45'}"/>`
}).join('')

const forest = landscape(
  `<linearGradient id="mist" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#cfe3dc"/><stop offset="1" stop-color="#8fb3a5"/></linearGradient>`,
  `<rect width="${W}" height="${H}" fill="url(#mist)"/>
   ${trees}
   <rect y="740" width="${W}" height="160" fill="#3d2f22"/>
   <path d="M620 900 C 700 830, 760 800, 820 760 L 900 760 C 900 800, 860 850, 980 900 Z" fill="#c9a36b"/>`,
)

const topoLines = Array.from({ length: 12 }, (_, i) => {
  const r = 60 + i * 55
  return `<ellipse cx="${820 + i * 6}" cy="${450 - i * 4}" rx="${r * 1.5}" ry="${r}" fill="none" stroke="${i % 3 === 0 ? '#f08a4b' : '#9cc5b4'}" stroke-width="${i % 3 === 0 ? 5 : 3}" transform="rotate(${-8 + i} 800 450)"/>`
}).join('')

const topo = landscape(
  `<linearGradient id="paper" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#0f3d2c"/><stop offset="1" stop-color="#1f6f50"/></linearGradient>`,
  `<rect width="${W}" height="${H}" fill="url(#paper)"/>${topoLines}
   <circle cx="820" cy="450" r="16" fill="#f7f3ec"/>`,
)

const lake = landscape(
  `<linearGradient id="dawn" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8ec5e8"/><stop offset="1" stop-color="#e9f3f7"/></linearGradient>
   <linearGradient id="water" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#3a7ca5"/><stop offset="1" stop-color="#16425b"/></linearGradient>`,
  `<rect width="${W}" height="${H}" fill="url(#dawn)"/>
   <polygon points="0,520 260,300 460,450 700,240 980,470 1200,320 1600,500 1600,560 0,560" fill="#4f6d7a"/>
   <polygon points="700,240 631,300 665,288 698,310 730,286 761,290" fill="#ffffff"/>
   <rect y="540" width="${W}" height="360" fill="url(#water)"/>
   <polygon points="0,560 260,760 460,620 700,820 980,610 1200,740 1600,580 1600,560" fill="#4f6d7a" opacity="0.35"/>
   <g stroke="#e9f3f7" stroke-width="4" opacity="0.6" stroke-linecap="round">
     <line x1="300" y1="640" x2="420" y2="640"/><line x1="900" y1="700" x2="1060" y2="700"/><line x1="1250" y1="620" x2="1330" y2="620"/>
   </g>`,
)

const logo = `<svg xmlns="http://www.w3.org/2000/svg" width="512" height="512" viewBox="0 0 512 512">
  <rect width="512" height="512" rx="96" fill="#0f3d2c"/>
  <circle cx="256" cy="256" r="176" fill="#1f6f50"/>
  <polygon points="104,352 212,184 268,268 304,220 408,352" fill="#f7f3ec"/>
  <polygon points="212,184 184,228 204,222 224,240 240,226" fill="#f08a4b"/>
  <path d="M150 392 C 210 372, 300 412, 362 392" stroke="#f08a4b" stroke-width="18" fill="none" stroke-linecap="round"/>
</svg>`

export const demoImages: DemoImage[] = [
  {
    key: 'mountains',
    filename: 'trailhead-mountain-sunrise.jpg',
    alt: 'Layered mountain ridges at sunrise with a winding trail in the foreground',
    caption: 'First light over the ridge line',
    mimetype: 'image/jpeg',
    svg: mountains,
  },
  {
    key: 'shoe',
    filename: 'trailhead-trail-shoe.jpg',
    alt: 'A green trail running shoe with an orange midsole and deep lugs, seen from the side',
    caption: 'Deep lugs grip loose dirt and wet rock',
    mimetype: 'image/jpeg',
    svg: shoe,
  },
  {
    key: 'forest',
    filename: 'trailhead-forest-path.jpg',
    alt: 'A dirt path leading into a misty pine forest',
    caption: 'Soft forest trails reward cushioning',
    mimetype: 'image/jpeg',
    svg: forest,
  },
  {
    key: 'topo',
    filename: 'trailhead-topographic-map.jpg',
    alt: 'Abstract topographic map contour lines in green and orange',
    caption: 'Plan the elevation before you lace up',
    mimetype: 'image/jpeg',
    svg: topo,
  },
  {
    key: 'lake',
    filename: 'trailhead-alpine-lake.jpg',
    alt: 'A calm alpine lake reflecting snow-capped peaks under a clear sky',
    caption: 'The turnaround point: an alpine lake',
    mimetype: 'image/jpeg',
    svg: lake,
  },
  {
    key: 'logo',
    filename: 'trailhead-logo.png',
    alt: 'Trailhead Gear logo: a white mountain peak with an orange trail on a green badge',
    mimetype: 'image/png',
    svg: logo,
  },
]

export const renderDemoImage = async (image: DemoImage): Promise<Buffer> => {
  const pipeline = sharp(Buffer.from(image.svg))
  return image.mimetype === 'image/png'
    ? pipeline.png({ compressionLevel: 9 }).toBuffer()
    : pipeline.jpeg({ quality: 82, mozjpeg: true }).toBuffer()
}
