'use client';
/** A small data hook: GET a path, expose {data, error, loading, reload}; refetches when the path changes. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, ApiError } from './api';

export interface ApiState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  reload: () => Promise<void>;
  /** reload for timers: a background refresh, which does not keep the session from timing out. */
  poll: () => Promise<void>;
  /** Replace the data without a request (e.g. with the case a decision returned). */
  setData: (d: T) => void;
}

export function useApi<T>(path: string | null): ApiState<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [loading, setLoading] = useState<boolean>(path !== null);
  const seq = useRef(0);

  const fetchData = useCallback(async (background: boolean) => {
    if (path === null) return;
    const mine = ++seq.current;
    setLoading(true);
    try {
      const d = await api<T>(path, { background });
      if (mine === seq.current) {
        setData(d);
        setError(undefined);
      }
    } catch (e) {
      if (mine === seq.current) setError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e)));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [path]);
  const load = useCallback(() => fetchData(false), [fetchData]);
  const poll = useCallback(() => fetchData(true), [fetchData]);

  useEffect(() => {
    void load();
  }, [load]);

  return { data, error, loading, reload: load, poll, setData };
}

/** One user action against the API (a button's POST): busy while it runs, its error if it fails. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err instanceof ApiError ? err : new ApiError(0, 'unknown', String(err)));
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, error, run };
}
