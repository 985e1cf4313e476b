export default definePageConfig({
  navigationBarTitleText: '我的创业担保贷款',
  enablePullDownRefresh: true,
});
