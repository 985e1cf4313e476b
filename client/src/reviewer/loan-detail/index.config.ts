export default definePageConfig({
  navigationBarTitleText: '创业担保贷款资格审核',
  enablePullDownRefresh: true,
});
