/** A list page's ready state plus 加载更多 (the loading/error/empty states are RemoteState's). */
import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';

export function MoreButton({
  more,
  onMore,
}: {
  more: { cursor?: string; loading: boolean; error?: string };
  onMore: () => void;
}): ReactNode {
  return (
    <View>
      {more.error && <Text className="muted">{more.error}</Text>}
      {more.cursor && (
        <Button block size="large" loading={more.loading} onClick={onMore}>
          加载更多
        </Button>
      )}
    </View>
  );
}
