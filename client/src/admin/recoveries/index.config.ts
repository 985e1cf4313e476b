export default definePageConfig({
  navigationBarTitleText: '资金追回',
  enablePullDownRefresh: true,
});
