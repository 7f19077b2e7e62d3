/**
 * Quality of an encoded variant against what the encoder was given: both decoded to 8-bit RGB with sharp, then
 * PSNR over all channels and SSIM (Wang et al. 2004, the usual constants) on the luma plane over 8x8 windows
 * with a stride of 4. Alpha is flattened on white first (the demo logo is a PNG with transparency).
 */
import sharp from 'sharp'

export type Raw = { data: Buffer; width: number; height: number }

export const rgbOf = async (bytes: Uint8Array | Buffer, resize?: number): Promise<Raw> => {
  let p = sharp(bytes, { autoOrient: true })
  if (resize) p = p.resize({ width: resize, withoutEnlargement: true })
  const { data, info } = await p.flatten({ background: '#ffffff' }).removeAlpha().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true })
  return { data, width: info.width, height: info.height }
}

export const psnr = (a: Raw, b: Raw): number => {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`size differs: ${a.width}x${a.height} vs ${b.width}x${b.height}`)
  let se = 0
  for (let i = 0; i < a.data.length; i++) {
    const d = a.data[i]! - b.data[i]!
    se += d * d
  }
  const mse = se / a.data.length
  return mse === 0 ? 99 : 10 * Math.log10((255 * 255) / mse)
}

const luma = (r: Raw): Float64Array => {
  const out = new Float64Array(r.width * r.height)
  for (let i = 0, j = 0; j < out.length; i += 3, j++) out[j] = 0.299 * r.data[i]! + 0.587 * r.data[i + 1]! + 0.114 * r.data[i + 2]!
  return out
}

export const ssim = (a: Raw, b: Raw): number => {
  const [x, y] = [luma(a), luma(b)]
  const { width, height } = a
  const C1 = (0.01 * 255) ** 2
  const C2 = (0.03 * 255) ** 2
  const N = 8
  let total = 0
  let count = 0
  for (let wy = 0; wy + N <= height; wy += 4) {
    for (let wx = 0; wx + N <= width; wx += 4) {
      let sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0
      for (let j = 0; j < N; j++) {
        const row = (wy + j) * width + wx
        for (let i = 0; i < N; i++) {
          const p = x[row + i]!
          const q = y[row + i]!
          sx += p; sy += q; sxx += p * p; syy += q * q; sxy += p * q
        }
      }
      const n = N * N
      const mx = sx / n, my = sy / n
      const vx = sxx / n - mx * mx, vy = syy / n - my * my, cov = sxy / n - mx * my
      total += ((2 * mx * my + C1) * (2 * cov + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2))
      count++
    }
  }
  return count ? total / count : 1
}
