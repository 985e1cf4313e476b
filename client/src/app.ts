import { type PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';
import { makePagesKeyboardScrollable } from './a11y';
import { applyElderMode, isElderMode } from './elder/mode';
import { refreshUnreadBadge } from './notices';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // 长辈版: the device's remembered choice, or on by default when the system font is large
  useLaunch(() => {
    applyElderMode(isElderMode());
    makePagesKeyboardScrollable();
  });
  // 消息 tab badge: the unread count whenever the app comes to the foreground (issue 14)
  useDidShow(() => {
    void refreshUnreadBadge();
  });
  return children;
}

export default App;
