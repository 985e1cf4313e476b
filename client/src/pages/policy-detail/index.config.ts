export default definePageConfig({ navigationBarTitleText: '申兑指南' });
