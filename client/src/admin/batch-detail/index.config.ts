export default definePageConfig({ navigationBarTitleText: '支付批次详情' });
