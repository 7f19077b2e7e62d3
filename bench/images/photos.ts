/**
 * Photo-like test images, made deterministically (seeded PRNG, no Math.random): a sky-to-ground gradient and
 * soft and hard-edged shapes drawn as SVG (rasterised by sharp at a quarter of the size, which keeps it quick, and scaled up), then low-frequency shading, fine texture in
 * the lower part and sensor-like grain added per pixel, a slight blur, saved as JPEG q85 the way a camera or an
 * editor would. The encoder has to spend real work on them (flat drawings like the demo's compress far better
 * than photos do).
 */
import sharp from 'sharp'

const prng = (seed: number) => {
  let s = (seed * 2654435761) >>> 0 || 1
  return () => {
    // xorshift32
    s ^= s << 13
    s >>>= 0
    s ^= s >>> 17
    s ^= s << 5
    s >>>= 0
    return s / 0x100000000
  }
}

const hex = (v: number) => Math.floor(v).toString(16).padStart(2, '0')
const colour = (rand: () => number) => `#${hex(rand() * 256)}${hex(rand() * 256)}${hex(rand() * 256)}`

export const makePhoto = async (seed: number, width = 2400, height = 1600): Promise<Buffer> => {
  const rand = prng(seed)
  const gradients: string[] = []
  const shapes = Array.from({ length: 16 }, (_, i) => {
    const [cx, cy, rx, ry] = [rand() * width, rand() * height, 30 + rand() * width * 0.18, 30 + rand() * height * 0.18]
    const fill = colour(rand)
    const opacity = (0.4 + rand() * 0.6).toFixed(2)
    // soft shapes (out-of-focus, lit) fade out through a radial gradient: SVG blur filters are slow to rasterise
    if (rand() < 0.5) {
      gradients.push(`<radialGradient id="s${i}"><stop offset="${(rand() * 0.6).toFixed(2)}" stop-color="${fill}" stop-opacity="${opacity}"/><stop offset="1" stop-color="${fill}" stop-opacity="0"/></radialGradient>`)
      return `<ellipse cx="${cx}" cy="${cy}" rx="${rx * 1.4}" ry="${ry * 1.4}" fill="url(#s${i})"/>`
    }
    return rand() < 0.6
      ? `<ellipse cx="${cx}" cy="${cy}" rx="${rx}" ry="${ry}" fill="${fill}" opacity="${opacity}"/>`
      : `<rect x="${cx - rx}" y="${cy - ry}" width="${rx * 2}" height="${ry}" transform="rotate(${(rand() * 60 - 30).toFixed(1)} ${cx} ${cy})" fill="${fill}" opacity="${opacity}"/>`
  })
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width / 4}" height="${height / 4}" viewBox="0 0 ${width} ${height}"><defs>
    <linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${colour(rand)}"/><stop offset="${(0.35 + rand() * 0.3).toFixed(2)}" stop-color="${colour(rand)}"/><stop offset="1" stop-color="${colour(rand)}"/></linearGradient>${gradients.join('')}
  </defs><rect width="${width}" height="${height}" fill="url(#g)"/>${shapes.join('')}</svg>`
  const { data } = await sharp(Buffer.from(svg)).resize({ width, height, fit: 'fill', kernel: 'cubic' }).removeAlpha().raw().toBuffer({ resolveWithObject: true })
  // separable shading and texture: per-column and per-row tables, so the per-pixel loop is adds and one PRNG call
  const table = (n: number, count: number, freq: number, amp: number) => {
    const waves = Array.from({ length: count }, () => ({ f: (rand() + 0.2) * freq, ph: rand() * 6.28, a: (0.3 + rand()) * amp }))
    return Float32Array.from({ length: n }, (_, i) => waves.reduce((sum, w) => sum + w.a * Math.sin(i * w.f + w.ph), 0))
  }
  const shadeX = table(width, 3, 0.006, 8)
  const shadeY = table(height, 3, 0.006, 8)
  const texX = table(width, 3, 0.35, 1.5)
  const texY = table(height, 3, 0.35, 1.5)
  const textureFrom = Math.floor(height * (0.45 + rand() * 0.2))
  for (let y = 0; y < height; y++) {
    const sy = shadeY[y]!
    const ty = y >= textureFrom ? texY[y]! : 0
    for (let x = 0; x < width; x++) {
      const add = shadeX[x]! + sy + ty * texX[x]! + (rand() - 0.5) * 12
      const i = (y * width + x) * 3
      data[i] = Math.max(0, Math.min(255, data[i]! + add))
      data[i + 1] = Math.max(0, Math.min(255, data[i + 1]! + add))
      data[i + 2] = Math.max(0, Math.min(255, data[i + 2]! + add * 0.9))
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } }).blur(0.6).jpeg({ quality: 85 }).toBuffer()
}
