import Taro from '@tarojs/taro';
import { getMe, type Role } from './api/auth';
import { routes, TAB_PAGES } from './routes';
import { refreshUnreadBadge } from './notices';

/** navigateTo, or switchTab for a tab page (navigateTo refuses tab pages). */
export function go(url: string): void {
  const path = url.split('?')[0] ?? url;
  if (TAB_PAGES.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url });
}

/**
 * Each role's first page, opened on a fresh stack (after login). The guarantee company's and
 * the bank's staff are reviewers of their own department: each has its loan queue.
 */
export function goHomeFor(role: Role, department?: string): void {
  if (role === 'reviewer' && department === 'guarantee')
    void Taro.reLaunch({ url: routes.guarantorQueue });
  else if (role === 'reviewer' && department === 'bank')
    void Taro.reLaunch({ url: routes.bankQueue });
  else if (role === 'reviewer') void Taro.reLaunch({ url: routes.reviewQueue });
  else if (role === 'admin') void Taro.reLaunch({ url: routes.adminDashboard });
  // 审计 (issue 14): read-only; the audit trail is where an auditor starts
  else if (role === 'auditor') void Taro.reLaunch({ url: routes.adminTrail('payment', '') });
  else
    void Taro.switchTab({ url: routes.home }).then(() => {
      void refreshUnreadBadge();
    });
}

/**
 * Leaves a page that has nothing to show (opened from a broken link): back to the page it was
 * opened from, or — opened straight from the link — the user's own first page (or the login).
 */
export function leavePage(): void {
  if (Taro.getCurrentPages().length > 1) {
    void Taro.navigateBack();
    return;
  }
  getMe().then(
    (me) => goHomeFor(me.role, me.department),
    () => go(routes.login),
  );
}
