import { type PropsWithChildren } from 'react';
import { useDidShow, useLaunch } from '@tarojs/taro';
import { makePagesKeyboardScrollable } from './a11y';
import { applyElderMode, isElderMode } from './elder/mode';
import './app.scss';

/**
 * The badge needs the API client, the notices contract and zod: loaded when the app first shows,
 * so they are not part of the JavaScript H5 downloads before it can draw the first page.
 */
const refreshUnreadBadge = () =>
  import('./notices').then((notices) => notices.refreshUnreadBadge());

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
