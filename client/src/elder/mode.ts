/**
 * 长辈版 (older-adult mode): larger text and buttons for the whole app. One switch on 我的,
 * remembered per device in Taro storage; until the person chooses, it is on when the system
 * font is large. The look lives in app.scss under the root class ELDER_CLASS.
 */
import Taro from '@tarojs/taro';

export const ELDER_STORAGE_KEY = 'zhida.elderMode';
export const ELDER_CLASS = 'elder-mode';

/** WeChat's fontSizeSetting is 16 or 17 at the standard size; 20 and more is a large font. */
const LARGE_SYSTEM_FONT_PX = 20;

/** Is this system font size (px) large enough that 长辈版 should start on? */
export function isLargeSystemFont(fontSizePx: number | undefined): boolean {
  return typeof fontSizePx === 'number' && fontSizePx >= LARGE_SYSTEM_FONT_PX;
}

/**
 * The system font size in px. On a mini-program WeChat reports it; in a browser Taro
 * overwrites the root font size, so measure the browser's own `medium` (the user's setting).
 */
function systemFontSize(): number | undefined {
  try {
    if (process.env.TARO_ENV === 'h5') {
      const doc = (globalThis as { document?: Document }).document;
      if (!doc?.body) return undefined;
      const probe = doc.createElement('div');
      probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium';
      doc.body.appendChild(probe);
      const px = parseFloat(getComputedStyle(probe).fontSize);
      probe.remove();
      return Number.isFinite(px) ? px : undefined;
    }
    return Taro.getSystemInfoSync().fontSizeSetting;
  } catch {
    return undefined;
  }
}

/** What the person chose on this device, or undefined if they never touched the switch. */
function storedChoice(): boolean | undefined {
  try {
    const v = Taro.getStorageSync<unknown>(ELDER_STORAGE_KEY);
    return typeof v === 'boolean' ? v : undefined;
  } catch {
    return undefined;
  }
}

export function isElderMode(): boolean {
  return storedChoice() ?? isLargeSystemFont(systemFontSize());
}

/** Puts the root class on (H5: the <html> element, so every page and the tab bar follow). */
export function applyElderMode(on: boolean): void {
  const doc = (globalThis as { document?: Document }).document;
  doc?.documentElement.classList.toggle(ELDER_CLASS, on);
}

/** The switch on 我的: remembered on this device and applied at once. */
export function setElderMode(on: boolean): void {
  Taro.setStorageSync(ELDER_STORAGE_KEY, on);
  applyElderMode(on);
}
