export default definePageConfig({
  navigationBarTitleText: '政策工坊',
  enablePullDownRefresh: true,
});
