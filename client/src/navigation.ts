import Taro from '@tarojs/taro';
import type { Role } from './api/auth';
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
