// App-facing types: the generated OpenAPI types (schema.d.ts, from schemas/openapi.yaml) plus the
// contract shapes of services other helpers add (C2 media on posts, C3 notifications,
// C4 analytics) until their routes are in the spec.
import type { components } from './schema';

type S = components['schemas'];
export type User = S['User'];
export type SignedIn = S['SignedIn'];
export type Profile = S['Profile'];
export type ListedUser = S['ListedUser'];
export type UserList = S['UserList'];
export type Preferences = S['Preferences'];
export type Session = S['Session'];
export type ApiKey = S['ApiKey'];
export type Media = S['Media'];
export type Comment = S['Comment'];
export type Collection = Omit<S['Collection'], 'posts'> & { id: string; name: string; postCount: number; public: boolean; posts?: PostList };
export type GenerationParams = S['GenerationParams'];
export type PostInput = S['PostInput'];
export type Problem = S['Problem'];

// C2: feed items and posts carry `media` beside `images`.
export type MediaVariant = { width: number; height: number; url: string; contentType?: string };
export type PostMedia = {
  id: string;
  status: 'pending' | 'ready' | 'failed' | 'rejected' | string;
  width: number | null;
  height: number | null;
  blurhash: string | null;
  dominantColor: string | null;
  variants: MediaVariant[];
};
export type Post = S['Post'] & { id: string; title: string; prompt: string; likeCount: number; commentCount: number; viewCount: number; media?: PostMedia[] };
export type PostList = { items: Post[]; next: string | null };
export type Facet = { value: string; count: number };
export type SearchPage = PostList & { facets?: Record<string, Facet[]> };
export type Suggestions = { tags?: string[]; models?: string[]; creators?: string[] };

// C3
export type NotificationItem = {
  id: string;
  kind: 'follow' | 'like' | 'like_milestone' | 'comment' | 'remix' | 'new_post' | 'welcome' | string;
  actors: { id: string; handle: string; displayName: string; avatar: string | null }[];
  actorCount: number;
  subject: { type: 'post' | 'user'; id: string; title: string } | null;
  read: boolean;
  createdAt: string;
};
export type NotificationPage = { items: NotificationItem[]; next: string | null; unreadCount: number };

// C4
export type Counts = { views: number; likes: number; comments: number };
export type CreatorStats = {
  from: string;
  to: string;
  bucket: 'hour' | 'day';
  totals: Counts;
  series: (Counts & { start: string })[];
  topPosts: (Counts & { postId: string; title: string })[];
};
