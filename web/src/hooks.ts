import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from './api';

/** Loads `path` (null: nothing to load); reloads when the path changes or `reload()` is called. */
export function useApi<T>(path: string | null): { data: T | null; error: ApiError | null; loading: boolean; reload: () => void } {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!path) return;
    let live = true;
    setLoading(true);
    setError(null);
    api<T>(path).then(
      (d) => live && (setData(d), setLoading(false)),
      (e: unknown) => live && (setError(e instanceof ApiError ? e : new ApiError(0, 'network', String(e))), setLoading(false)),
    );
    return () => {
      live = false;
    };
  }, [path, tick]);
  return { data, error, loading, reload: useCallback(() => setTick((t) => t + 1), []) };
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
