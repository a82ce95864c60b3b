// Search: full text with filters (sort, base model, sampler, tag, aspect, period, steps, cfg),
// facets that narrow the result, and type-ahead suggestions for tags, models and creators.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../api/client';
import type { Post, SearchPage, Suggestions } from '../api/types';
import { PostGrid } from '../components/grid';
import { Empty, Failure, Loading } from '../components/states';
import { useTitle } from '../hooks';
import { navigate } from '../router';

const FILTERS = ['q', 'sort', 'model', 'baseModel', 'resource', 'sampler', 'tool', 'tag', 'rating', 'aspect', 'period', 'creator', 'steps', 'cfg'];

function withParam(search: string, key: string, value: string | null) {
  const p = new URLSearchParams(search);
  if (value === null || value === '') p.delete(key);
  else p.set(key, value);
  return `/search?${p.toString()}`;
}

function Select({ search, name, label, options }: { search: string; name: string; label: string; options: [string, string][] }) {
  const value = new URLSearchParams(search).get(name) ?? '';
  return (
    <div>
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} value={value} onChange={(e) => navigate(withParam(search, name, e.currentTarget.value), true)}>
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

export default function SearchPage({ search }: { search: string }) {
  const params = new URLSearchParams(search);
  const q = params.get('q') ?? '';
  useTitle(q ? `“${q}”` : 'Search');
  const [text, setText] = useState(q);
  const [suggest, setSuggest] = useState<Suggestions | null>(null);
  const [posts, setPosts] = useState<Post[]>([]);
  const [facets, setFacets] = useState<SearchPage['facets']>({});
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const gen = useRef(0);
  useEffect(() => setText(q), [q]);

  const query = (cursor: string | null) => {
    const p = new URLSearchParams();
    for (const k of FILTERS) {
      const v = params.get(k);
      if (v) p.set(k, v);
    }
    p.set('limit', '24');
    if (cursor) p.set('cursor', cursor);
    return `/v1/gallery/search?${p.toString()}`;
  };
  const load = async (cursor: string | null) => {
    const g = ++gen.current;
    setLoading(true);
    try {
      const page = await api<SearchPage>(query(cursor));
      if (g !== gen.current) return;
      setPosts((prev) => (cursor ? [...prev, ...page.items] : page.items));
      setNext(page.next);
      if (!cursor) setFacets(page.facets ?? {});
      setError(null);
    } catch (e) {
      if (g === gen.current) setError(e);
    } finally {
      if (g === gen.current) setLoading(false);
    }
  };
  useEffect(() => {
    setPosts([]);
    void load(null);
  }, [search]);

  // Type-ahead: debounced, the latest answer wins.
  useEffect(() => {
    const word = text.trim().split(/\s+/).pop() ?? '';
    if (word.length < 1 || text === q) {
      setSuggest(null);
      return;
    }
    const t = setTimeout(() => {
      api<Suggestions>(`/v1/gallery/search/suggest?q=${encodeURIComponent(word.slice(0, 40))}`).then(setSuggest, () => setSuggest(null));
    }, 150);
    return () => clearTimeout(t);
  }, [text]);

  const submit = (value: string) => {
    setSuggest(null);
    navigate(withParam(search, 'q', value.trim()));
  };
  const hasSuggestions = suggest && (suggest.tags?.length || suggest.models?.length || suggest.creators?.length);
  return (
    <section>
      <h1>Search</h1>
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          submit(text);
        }}
      >
        <label for="q" class="visually-hidden">
          Search words
        </label>
        <input id="q" type="search" value={text} placeholder="Words of a prompt, a tag, a model, a creator" autoComplete="off" aria-autocomplete="list" aria-controls={hasSuggestions ? 'suggestions' : undefined} onInput={(e) => setText(e.currentTarget.value)} />
        {hasSuggestions ? (
          <ul class="suggest" id="suggestions" aria-label="Suggestions">
            {suggest!.tags?.map((t) => (
              <li key={`t${t}`}>
                <button type="button" onClick={() => navigate(withParam(withParam(search, 'tag', t), 'q', null))}>
                  #{t} <span class="muted">tag</span>
                </button>
              </li>
            ))}
            {suggest!.models?.map((m) => (
              <li key={`m${m}`}>
                <button type="button" onClick={() => navigate(withParam(search, 'model', m))}>
                  {m} <span class="muted">model</span>
                </button>
              </li>
            ))}
            {suggest!.creators?.map((c) => (
              <li key={`c${c}`}>
                <button type="button" onClick={() => navigate(`/u/${c}`)}>
                  @{c} <span class="muted">creator</span>
                </button>
              </li>
            ))}
          </ul>
        ) : null}
      </form>
      <div class="search-layout">
        <aside aria-label="Filters">
          <Select search={search} name="sort" label="Sort" options={[['', 'Relevance'], ['new', 'Newest'], ['top', 'Most liked']]} />
          <Select search={search} name="period" label="Period" options={[['', 'Any time'], ['day', 'Day'], ['week', 'Week'], ['month', 'Month'], ['year', 'Year']]} />
          <Select search={search} name="aspect" label="Aspect" options={[['', 'Any'], ['portrait', 'Portrait'], ['landscape', 'Landscape'], ['square', 'Square']]} />
          <div class="row">
            <div>
              <label for="f-steps">Steps</label>
              <input id="f-steps" placeholder="20..40" value={params.get('steps') ?? ''} onChange={(e) => navigate(withParam(search, 'steps', e.currentTarget.value), true)} />
            </div>
            <div>
              <label for="f-cfg">CFG</label>
              <input id="f-cfg" placeholder="5..8" value={params.get('cfg') ?? ''} onChange={(e) => navigate(withParam(search, 'cfg', e.currentTarget.value), true)} />
            </div>
          </div>
          {Object.entries(facets ?? {}).map(([name, values]) =>
            values.length ? (
              <div class="facet" key={name}>
                <h3>{name === 'baseModel' ? 'Base model' : name[0].toUpperCase() + name.slice(1)}</h3>
                <ul>
                  {values.map((v) => {
                    const active = params.get(name) === v.value;
                    return (
                      <li key={v.value}>
                        <a href={withParam(search, name, active ? null : v.value)} class={active ? 'active' : ''} aria-current={active ? 'true' : undefined}>
                          <span>{v.value}</span> <span>{v.count}</span>
                        </a>
                      </li>
                    );
                  })}
                </ul>
              </div>
            ) : null,
          )}
        </aside>
        <div data-testid="search-results">
          {error && posts.length === 0 ? (
            <Failure error={error} retry={() => void load(null)} />
          ) : loading && posts.length === 0 ? (
            <Loading label="Searching…" />
          ) : posts.length === 0 ? (
            <Empty title="No posts match">
              <p>Try fewer words or remove a filter.</p>
            </Empty>
          ) : (
            <PostGrid posts={posts} more={!!next} onMore={() => next && !loading && void load(next)} />
          )}
        </div>
      </div>
    </section>
  );
}
