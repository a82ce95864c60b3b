// Blurhash placeholders: decoded once per hash into a 32x32 data URL (cached).
import { decode } from 'blurhash';

const cache = new Map<string, string>();

export function blurhashUrl(hash: string | null | undefined): string | null {
  if (!hash) return null;
  const hit = cache.get(hash);
  if (hit) return hit;
  try {
    const px = decode(hash, 32, 32);
    const canvas = document.createElement('canvas');
    canvas.width = canvas.height = 32;
    const ctx = canvas.getContext('2d');
    if (!ctx) return null;
    const img = ctx.createImageData(32, 32);
    img.data.set(px);
    ctx.putImageData(img, 0, 0);
    const url = canvas.toDataURL();
    cache.set(hash, url);
    return url;
  } catch {
    return null;
  }
}
