// A profile's avatar: its image (the profile's avatarUrl, a WebP variant) or, without one, the
// first letter of the name on the accent colour. Decorative: the name is always shown beside it.
export function Avatar({ url, name, size = 72 }: { url: string | null | undefined; name: string; size?: number }) {
  const style = { width: `${size}px`, height: `${size}px` };
  if (url) return <img class="avatar" src={url} alt="" width={size} height={size} style={style} data-testid="avatar-image" />;
  return (
    <div class="avatar" aria-hidden="true" style={style}>
      {name.slice(0, 1).toUpperCase()}
    </div>
  );
}
