export default definePageConfig({
  navigationBarTitleText: '待审件',
  enablePullDownRefresh: true,
});
