'use client';
/** The whole catalog, fetched once per page load and shared by the components of a form. */
import { useCallback, useEffect, useState } from 'react';
import type { ResourceView } from '../../domain/views';
import { api, ApiError } from './api';

let shared: Promise<ResourceView[]> | null = null;

function load(): Promise<ResourceView[]> {
  shared ??= api<{ items: ResourceView[] }>('/catalog/resources').then(
    (r) => r.items,
    (e: unknown) => {
      shared = null; // a failure is not cached: the next caller tries again
      throw e;
    },
  );
  return shared;
}

export function useCatalog(): { items: ResourceView[] | undefined; error: ApiError | undefined; reload: () => void } {
  const [items, setItems] = useState<ResourceView[] | undefined>(undefined);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    load()
      .then((xs) => {
        if (!live) return;
        setItems(xs);
        setError(undefined);
      })
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e : new ApiError(0, 'unknown', String(e))));
    return () => {
      live = false;
    };
  }, [attempt]);
  const reload = useCallback(() => setAttempt((a) => a + 1), []);
  return { items, error, reload };
}
