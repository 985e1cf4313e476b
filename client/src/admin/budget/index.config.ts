export default definePageConfig({
  navigationBarTitleText: '预算专账',
  enablePullDownRefresh: true,
});
