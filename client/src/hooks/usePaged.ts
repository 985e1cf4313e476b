import { useState } from 'react';
import { messageOf } from '../api/client';
import { useRemote } from './useRemote';

/** First page through useRemote (loading/error/empty states), later pages appended by loadMore. */
export function usePaged<T>(
  load: (cursor?: string) => Promise<{ items: T[]; nextCursor?: string }>,
  deps: readonly unknown[] = [],
) {
  const [more, setMore] = useState<{
    items: T[];
    cursor?: string;
    loading: boolean;
    error?: string;
  }>({ items: [], loading: false });
  const { remote, reload } = useRemote(async () => {
    const page = await load();
    setMore({ items: [], cursor: page.nextCursor, loading: false });
    return page;
  }, deps);
  async function loadMore() {
    if (!more.cursor || more.loading) return;
    setMore((m) => ({ ...m, loading: true, error: undefined }));
    try {
      const page = await load(more.cursor);
      setMore((m) => ({
        items: [...m.items, ...page.items],
        cursor: page.nextCursor,
        loading: false,
      }));
    } catch (e) {
      setMore((m) => ({ ...m, loading: false, error: messageOf(e) }));
    }
  }
  return { remote, reload, more, loadMore };
}
