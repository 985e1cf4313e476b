export default definePageConfig({ navigationBarTitleText: '资金到账' });
