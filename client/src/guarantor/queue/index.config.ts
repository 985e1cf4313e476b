export default definePageConfig({
  navigationBarTitleText: '担保审核',
  enablePullDownRefresh: true,
});
