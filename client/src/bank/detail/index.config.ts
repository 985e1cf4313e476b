export default definePageConfig({
  navigationBarTitleText: '合作银行 · 创业担保贷款',
  enablePullDownRefresh: true,
});
