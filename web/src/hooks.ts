import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from './api';
import { type ApiResult, call, client, type GetParams, type GetPath } from './api/client';

type Loaded<T> = { data: T | null; error: ApiError | null; loading: boolean; reload: () => void };

/** Runs `load` when `key` changes (null: nothing to load) or `reload()` is called; the latest answer wins. */
export function useLoad<T>(key: string | null, load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const loader = useRef(load);
  loader.current = load;
  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is the reload trigger (reload() bumps it); the loader is read through a ref
  useEffect(() => {
    if (key === null) return;
    let live = true;
    setLoading(true);
    setError(null);
    loader.current().then(
      (d) => live && (setData(d), setLoading(false)),
      (e: unknown) =>
        live && (setError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e))), setLoading(false)),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);
  return { data, error, loading, reload: useCallback(() => setTick((t) => t + 1), []) };
}

/** Loads `path` (null: nothing to load); reloads when the path changes or `reload()` is called. */
export function useApi<T>(path: string | null): Loaded<T> {
  return useLoad(path, () => api<T>(path!));
}

/**
 * A typed GET through the generated client: `useGet('/api/events/{id}', { path: { id } })`. Reloads when the path
 * or its parameters change (null: nothing to load).
 */
export function useGet<P extends GetPath>(path: P | null, params?: GetParams<P>): Loaded<ApiResult<P>> {
  const key = path === null ? null : JSON.stringify([path, params ?? {}]);
  return useLoad(key, () => call(client.GET(path as never, { params } as never)) as Promise<ApiResult<P>>);
}

/** A form submission that maps the API's field errors onto the form. */
export function useSubmit<T>() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const submit = async (run: () => Promise<T>): Promise<T | null> => {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      return await run();
    } catch (e) {
      if (e instanceof ApiError) {
        setError(e.message);
        setFields(Object.fromEntries(e.fields.map((f) => [f.path, f.message])));
      } else setError(String(e));
      return null;
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, fields, submit };
}

/** One page of a cursor-paged list: the API's `next` is handed back as the `before` cursor of the following page. */
export interface CursorPage<T> {
  items: T[];
  next: string | null;
}

/**
 * A "load more" list. `load(before)` fetches one page (before: undefined for the first); the list starts over when
 * `key` (the query the pages belong to) changes or `reload()` is called. `first` is the first page's whole answer,
 * for lists whose answer carries more than items (the inbox's unread count).
 */
export function usePaged<T, P extends CursorPage<T> = CursorPage<T>>(
  load: (before: string | undefined) => Promise<P>,
  key: string,
) {
  const [items, setItems] = useState<T[] | null>(null);
  const [first, setFirst] = useState<P | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [tick, setTick] = useState(0);
  // The latest loader: call sites pass a new closure on each render; the query it reads is named by `key`.
  const loader = useRef(load);
  loader.current = load;

  // biome-ignore lint/correctness/useExhaustiveDependencies: key names the query the loader reads and tick is the reload trigger; the loader is read through a ref
  useEffect(() => {
    let live = true;
    setItems(null);
    setError(null);
    loader.current(undefined).then(
      (p) => live && (setItems(p.items), setFirst(p), setNext(p.next)),
      (e: unknown) => live && (setItems([]), setError(e instanceof Error ? e.message : String(e))),
    );
    return () => {
      live = false;
    };
  }, [key, tick]);

  const more = useCallback(async () => {
    if (!next) return;
    setLoadingMore(true);
    try {
      const p = await loader.current(next);
      setItems((old) => [...(old ?? []), ...p.items]);
      setNext(p.next);
    } finally {
      setLoadingMore(false);
    }
  }, [next]);

  const reload = useCallback(() => setTick((x) => x + 1), []);
  return { items, setItems, first, next, error, loadingMore, more, reload };
}
