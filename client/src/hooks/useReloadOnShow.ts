import { useEffect, useRef } from 'react';
import { useDidShow } from '@tarojs/taro';

/**
 * Run `onShowAgain` when the page is shown again (back from a detail page, a tab
 * switch, after login). The first show is skipped: useRemote already loaded on
 * mount. The latest callback is kept in a ref so it never sees stale state.
 */
export function useReloadOnShow(onShowAgain: () => unknown): void {
  const shown = useRef(false);
  const latest = useRef(onShowAgain);
  useEffect(() => {
    latest.current = onShowAgain;
  });
  useDidShow(() => {
    if (shown.current) void latest.current();
    shown.current = true;
  });
}
