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

// Feed items and posts carry `media` beside `images`.
export type MediaVariant = S['PostMedia']['variants'][number];
export type PostMedia = S['PostMedia'];
export type Post = S['Post'] & { id: string; title: string; prompt: string; likeCount: number; commentCount: number; viewCount: number; media?: PostMedia[] };
export type PostList = { items: Post[]; next: string | null };
export type Facet = { value: string; count: number };
export type SearchPage = PostList & { facets?: Record<string, Facet[]> };
export type Suggestions = { tags?: string[]; models?: string[]; creators?: string[] };

// Notifications
export type NotificationItem = S['NotificationItem'];
export type NotificationPage = { items: NotificationItem[]; next: string | null; unreadCount: number };

// Analytics
export type Counts = { views: number; likes: number; comments: number };
export type CreatorStats = S['CreatorStats'];
