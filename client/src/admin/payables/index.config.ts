export default definePageConfig({
  navigationBarTitleText: '拨付异常处理',
  enablePullDownRefresh: true,
});
