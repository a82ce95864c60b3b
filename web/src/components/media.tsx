// One post image from the C2 `media` entry: blurhash/dominant colour placeholder, srcset from the
// variants, the aspect ratio reserved so the grid does not jump.
import { useState } from 'preact/hooks';
import type { PostMedia } from '../api/types';
import { blurhashUrl } from './placeholder';

export function readyMedia(m: PostMedia | undefined): m is PostMedia {
  return !!m && m.status === 'ready' && m.variants.length > 0;
}

export function srcset(m: PostMedia): string {
  return [...m.variants]
    .sort((a, b) => a.width - b.width)
    .map((v) => `${v.url} ${v.width}w`)
    .join(', ');
}

export function MediaImage({ media, alt, sizes, eager }: { media: PostMedia; alt: string; sizes: string; eager?: boolean }) {
  const [loaded, setLoaded] = useState(false);
  const largest = [...media.variants].sort((a, b) => b.width - a.width)[0];
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
      <img
        src={largest.url}
        srcset={srcset(media)}
        sizes={sizes}
        width={w}
        height={h}
        alt={alt}
        loading={eager ? 'eager' : 'lazy'}
        decoding="async"
        onLoad={() => setLoaded(true)}
        class={loaded ? 'loaded' : ''}
      />
    </div>
  );
}
