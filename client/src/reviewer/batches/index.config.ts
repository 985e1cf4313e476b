export default definePageConfig({
  navigationBarTitleText: '支付批次审批',
  enablePullDownRefresh: true,
});
