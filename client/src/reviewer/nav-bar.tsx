/**
 * 返回 and 退出登录 on every reviewer page (issue #17: a reviewer on a phone had neither; the
 * H5 build has no system back button inside the app). Targets are at least 44 px.
 */
import Taro from '@tarojs/taro';
import { View } from '@tarojs/components';
import { clearSession } from '../api/client';
import { routes } from '../routes';
import './nav-bar.scss';

export function ReviewerNavBar({ back = true }: { back?: boolean }) {
  return (
    <View className="review__nav" data-testid="reviewer-nav">
      {back ? (
        <View
          className="review__nav-button"
          role="button"
          data-testid="nav-back"
          onClick={() => {
            if (Taro.getCurrentPages().length > 1) void Taro.navigateBack();
            else void Taro.reLaunch({ url: routes.reviewQueue });
          }}
        >
          ‹ 返回
        </View>
      ) : (
        <View />
      )}
      <View
        className="review__nav-button"
        role="button"
        data-testid="nav-logout"
        onClick={() => {
          clearSession();
          void Taro.reLaunch({ url: routes.login });
        }}
      >
        退出登录
      </View>
    </View>
  );
}
