import { stopPullDownRefresh, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useRef } from 'react';

/**
 * For a page showing something other people move on (staff accept a sweep, check a visitor in): the
 * page reads it again when shown again (back from another page, or the app brought to the front) and
 * when pulled down. Its first showing is left to the page's own load. Pages using it set
 * `enablePullDownRefresh: true` in their config.
 */
export function useReadAgain(read: () => void, enabled = true): void {
  const shownBefore = useRef(false);
  useDidShow(() => {
    if (shownBefore.current && enabled) read();
    shownBefore.current = true;
  });
  usePullDownRefresh(() => {
    if (enabled) read();
    void stopPullDownRefresh();
  });
}
