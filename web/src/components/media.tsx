// One post image from the C2 `media` entry: blurhash/dominant colour placeholder, srcset from the
// variants (AVIF through <picture><source type>, WebP in the <img>), the aspect ratio reserved so
// the grid does not jump.
import { useState } from 'preact/hooks';
import type { MediaVariant, PostMedia } from '../api/types';
import { blurhashUrl } from './placeholder';

export function readyMedia(m: PostMedia | undefined): m is PostMedia {
  return !!m && m.status === 'ready' && m.variants.length > 0;
}

// Variants carry their type (image/webp, image/avif); one srcset per type, never mixed.
const typeOf = (v: MediaVariant) => v.contentType || 'image/webp';

export function variantsOf(m: PostMedia, type: string): MediaVariant[] {
  return m.variants.filter((v) => typeOf(v) === type).sort((a, b) => a.width - b.width);
}

export function srcset(m: PostMedia, type = 'image/webp'): string {
  return variantsOf(m, type)
    .map((v) => `${v.url} ${v.width}w`)
    .join(', ');
}

export function MediaImage({ media, alt, sizes, eager }: { media: PostMedia; alt: string; sizes: string; eager?: boolean }) {
  const [loaded, setLoaded] = useState(false);
  const webp = variantsOf(media, 'image/webp');
  const fallback = webp.length > 0 ? webp : [...media.variants].sort((a, b) => a.width - b.width);
  const largest = fallback[fallback.length - 1];
  const avif = srcset(media, 'image/avif');
  const w = media.width ?? largest.width;
  const h = media.height ?? largest.height;
  const bg = blurhashUrl(media.blurhash);
  const style = {
    aspectRatio: `${w} / ${h}`,
    backgroundColor: media.dominantColor ?? undefined,
    backgroundImage: !loaded && bg ? `url(${bg})` : undefined,
  };
  return (
    <div class="media" style={style}>
      <picture>
        {avif && <source type="image/avif" srcset={avif} sizes={sizes} />}
        <img
          src={largest.url}
          srcset={fallback.map((v) => `${v.url} ${v.width}w`).join(', ')}
          sizes={sizes}
          width={w}
          height={h}
          alt={alt}
          loading={eager ? 'eager' : 'lazy'}
          decoding="async"
          onLoad={() => setLoaded(true)}
          class={loaded ? 'loaded' : ''}
        />
      </picture>
    </div>
  );
}
