/**
 * Accessibility checked by machine on the page as it is now (issue #17): axe-core (injected)
 * and the size of every visible tap target.
 */
import type { Page } from 'playwright-core';

const AXE = require.resolve('axe-core');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on the page as it is now: its serious and critical violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ path: AXE });
  const result = (await page.evaluate(async () => {
    const w = globalThis as unknown as {
      document: unknown;
      axe: { run(context: unknown): Promise<unknown> };
    };
    return w.axe.run(w.document);
  })) as { violations: AxeViolation[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** The elements a violation names, as axe's selectors (at most `most` of them). */
export function targetsOf(v: AxeViolation, most = Infinity): string {
  return v.nodes
    .slice(0, most)
    .map((n) => n.target.join(' '))
    .join(', ');
}

/** A visible tap target that is too small. */
export interface SmallTarget {
  /** its text, trimmed, at most 30 characters */
  text: string;
  tag: string;
  className: string;
  width: number;
  height: number;
}

/** The little of the DOM the measure uses (the repo's tsconfig has no DOM lib). */
interface El {
  tagName: string;
  className: unknown;
  textContent: string | null;
  parentElement: El | null;
  closest(selector: string): El | null;
  getBoundingClientRect(): { width: number; height: number };
}

/**
 * Every visible tap target (button, link, tab, role=button, NutUI and Taro buttons, and the
 * `roles` given) lower than `min` px, or with `width` also narrower. A target inside a larger
 * target (the label inside a NutUI button) is measured as the outer one.
 */
export function smallTapTargets(
  page: Page,
  min: number,
  options: { roles?: readonly string[]; width?: boolean } = {},
): Promise<SmallTarget[]> {
  const roles = (options.roles ?? []).map((r) => `, [role="${r}"]`).join('');
  const selector = `button, a[href], a.weui-tabbar__item, [role="button"]${roles}, .nut-button, taro-button-core`;
  return page.evaluate(
    ({ min, selector, width }) => {
      const w = globalThis as unknown as {
        document: { querySelectorAll(selector: string): ArrayLike<El> };
        getComputedStyle(el: El): { visibility: string };
      };
      const found: SmallTarget[] = [];
      for (const el of Array.from(w.document.querySelectorAll(selector))) {
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0 || w.getComputedStyle(el).visibility === 'hidden')
          continue;
        if (el.parentElement?.closest('button, .nut-button, taro-button-core, a[href]')) continue;
        if (box.height + 0.5 < min || (width && box.width + 0.5 < min))
          found.push({
            text: (el.textContent ?? '').trim().slice(0, 30),
            tag: el.tagName.toLowerCase(),
            className: String(el.className),
            width: box.width,
            height: box.height,
          });
      }
      return found;
    },
    { min, selector, width: options.width ?? false },
  );
}

/**
 * The page's accessibility problems, each prefixed with `name`: axe-core's serious and critical
 * violations and every visible tap target under 44 px (48 px in 长辈版); with `width` a target
 * must be that wide too. `roles`: see smallTapTargets.
 */
export async function problems(
  page: Page,
  name: string,
  elder: boolean,
  options: { roles?: readonly string[]; width?: boolean } = {},
): Promise<string[]> {
  const axe = (await axeViolations(page)).map(
    (v) => `${name}: axe ${v.id} (${v.help}): ${targetsOf(v)}`,
  );
  const min = elder ? 48 : 44;
  const small = (await smallTapTargets(page, min, options)).map(
    (t) => `"${t.text}" ${options.width ? `${t.width.toFixed(0)}×` : ''}${t.height.toFixed(0)} px`,
  );
  return [...axe, ...small.map((s) => `${name}: tap target under ${String(min)} px: ${s}`)];
}
