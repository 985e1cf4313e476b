export default definePageConfig({
  navigationBarTitleText: '政策参数',
  enablePullDownRefresh: true,
});
