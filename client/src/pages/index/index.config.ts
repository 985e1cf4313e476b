export default definePageConfig({
  navigationBarTitleText: '可享政策',
  enablePullDownRefresh: true,
});
