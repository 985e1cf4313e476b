/**
 * A minimal render/query kit on react-dom + React.act.
 * @testing-library/react 16 is installed but its peer @testing-library/dom is
 * not (legacy-peer-deps skips peers); until the lead adds it, tests use this.
 */
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Current } from '@tarojs/runtime';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const mounted: { root: Root; container: HTMLElement }[] = [];

afterEach(() => {
  for (const { root, container } of mounted.splice(0)) {
    act(() => root.unmount());
    container.remove();
  }
});

/** Mounts and lets the first effects and already-settled promises run. */
export async function render(ui: ReactElement): Promise<HTMLElement> {
  const container = document.createElement('div');
  // Taro H5 finds "the current page" by an element whose id is the page path
  // (NutUI's Tabs measures itself through it); stand the container in for it.
  container.id = 'jest-page';
  (Current as { page: unknown }).page = { path: 'jest-page' };
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => {
    root.render(ui);
  });
  mounted.push({ root, container });
  return container;
}

/** Unmounts one rendered tree now (a page torn down), rather than after the test. */
export function unmount(container: HTMLElement): void {
  const i = mounted.findIndex((m) => m.container === container);
  if (i < 0) return;
  const [{ root }] = mounted.splice(i, 1) as [{ root: Root; container: HTMLElement }];
  act(() => root.unmount());
  container.remove();
}

const norm = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Deepest elements whose whole text is exactly `text`. */
export function queryAllByText(container: HTMLElement, text: string): HTMLElement[] {
  const hits = Array.from(container.querySelectorAll<HTMLElement>('*')).filter(
    (el) => norm(el.textContent) === text,
  );
  return hits.filter((el) => !hits.some((other) => other !== el && el.contains(other)));
}

export function queryByText(container: HTMLElement, text: string): HTMLElement | null {
  return queryAllByText(container, text)[0] ?? null;
}

export function getByText(container: HTMLElement, text: string): HTMLElement {
  const el = queryByText(container, text);
  if (!el) throw new Error(`no element with text "${text}" in:\n${norm(container.textContent)}`);
  return el;
}

export function getAllByTestId(container: HTMLElement, id: string): HTMLElement[] {
  return Array.from(container.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
}

/** Retry `check` (letting promises and timers run inside act) until it stops throwing. */
export async function waitFor<T>(check: () => T, timeoutMs = 3000): Promise<T> {
  const started = Date.now();
  for (;;) {
    try {
      return check();
    } catch (e) {
      if (Date.now() - started > timeoutMs) throw e;
      await act(async () => {
        await new Promise((r) => setTimeout(r, 10));
      });
    }
  }
}

export const findByText = (container: HTMLElement, text: string) =>
  waitFor(() => getByText(container, text));

export async function click(el: HTMLElement): Promise<void> {
  await act(async () => {
    el.click();
  });
}
