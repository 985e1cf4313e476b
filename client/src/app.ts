import { type PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { makePagesKeyboardScrollable } from './a11y';
import { applyElderMode, isElderMode } from './elder/mode';
import './app.scss';

function App({ children }: PropsWithChildren) {
  // 长辈版: the device's remembered choice, or on by default when the system font is large
  useLaunch(() => {
    applyElderMode(isElderMode());
    makePagesKeyboardScrollable();
  });
  return children;
}

export default App;
