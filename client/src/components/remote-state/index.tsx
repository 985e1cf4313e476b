/**
 * The loading / error / empty states every list and detail page shares, so a
 * page only writes its ready state. Errors show the server's Chinese message;
 * an expired session offers the login page instead of a retry, and a broken link (an id
 * missing from it: BAD_LINK) a way back, since retrying it could never work.
 */
import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Empty, Loading } from '@nutui/nutui-react-taro';
import { isApiError } from '../../api/client';
import type { Remote } from '../../hooks/useRemote';
import { go, leavePage } from '../../navigation';
import { routes } from '../../routes';
import './index.scss';

interface Props<T> {
  remote: Remote<T>;
  onRetry: () => void;
  /** When true for the loaded data, the empty state shows instead of children. */
  isEmpty?: (data: T) => boolean;
  emptyTitle?: string;
  emptyDescription?: string;
  children: (data: T) => ReactNode;
}

export function RemoteState<T>({
  remote,
  onRetry,
  isEmpty,
  emptyTitle,
  emptyDescription,
  children,
}: Props<T>) {
  if (remote.state === 'loading') {
    return (
      <View className="remote-state remote-state--loading">
        <Loading type="spinner">加载中…</Loading>
      </View>
    );
  }
  if (remote.state === 'error') {
    const e = remote.error;
    const needsLogin = isApiError(e) && e.code === 'UNAUTHENTICATED';
    const offline = isApiError(e) && e.code === 'NETWORK';
    const badLink = isApiError(e) && e.code === 'BAD_LINK';
    return (
      <View className="remote-state">
        <Empty
          status={offline ? 'network' : 'error'}
          image={<Text className="remote-state__glyph">{needsLogin ? '登' : '!'}</Text>}
          title={needsLogin ? '请先登录' : '加载失败'}
          description={isApiError(e) ? e.message : '系统繁忙，请稍后再试'}
        />
        <View className="remote-state__actions">
          {needsLogin ? (
            <Button type="primary" size="large" onClick={() => go(routes.login)}>
              去登录
            </Button>
          ) : badLink ? (
            <Button type="primary" size="large" onClick={leavePage}>
              返回
            </Button>
          ) : (
            <Button type="primary" size="large" onClick={onRetry}>
              重试
            </Button>
          )}
        </View>
      </View>
    );
  }
  if (isEmpty?.(remote.data)) {
    return (
      <View className="remote-state">
        <Empty
          image={<Text className="remote-state__glyph">空</Text>}
          title={emptyTitle ?? '暂无内容'}
          description={emptyDescription ?? ''}
        />
      </View>
    );
  }
  return <>{children(remote.data)}</>;
}
