import { useCallback, useEffect, useRef, useState } from 'react';

export type Remote<T> =
  { state: 'loading' } | { state: 'ready'; data: T } | { state: 'error'; error: unknown };

/**
 * Load once on mount (and on reload()); a late answer from an earlier load
 * never overwrites a newer one.
 */
export function useRemote<T>(load: () => Promise<T>, deps: readonly unknown[] = []) {
  const [remote, setRemote] = useState<Remote<T>>({ state: 'loading' });
  const generation = useRef(0);

  const reload = useCallback(() => {
    const mine = ++generation.current;
    setRemote({ state: 'loading' });
    return load().then(
      (data) => {
        if (mine === generation.current) setRemote({ state: 'ready', data });
      },
      (error: unknown) => {
        if (mine === generation.current) setRemote({ state: 'error', error });
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps, react-hooks/use-memo -- the caller's deps decide when to load again, as they would for useEffect
  }, deps);

  useEffect(() => {
    void reload();
  }, [reload]);

  return { remote, reload };
}
