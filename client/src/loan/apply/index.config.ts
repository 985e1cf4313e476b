export default definePageConfig({ navigationBarTitleText: '申请创业担保贷款' });
