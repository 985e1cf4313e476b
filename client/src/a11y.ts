/**
 * H5 only: Taro draws each page in a scrolling container whose content (Taro's views and
 * buttons) a keyboard cannot focus, so the page could not be scrolled without a pointer
 * (axe: scrollable-region-focusable, serious). Make each page container focusable.
 */
export function makePagesKeyboardScrollable(): void {
  const doc = (globalThis as { document?: Document }).document;
  if (process.env.TARO_ENV !== 'h5' || !doc?.body) return;
  const mark = () => {
    for (const el of Array.from(doc.querySelectorAll('.taro_page:not([tabindex])')))
      el.setAttribute('tabindex', '0');
  };
  mark();
  new MutationObserver(mark).observe(doc.body, { childList: true, subtree: true });
}
