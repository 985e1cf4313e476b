export default definePageConfig({ navigationBarTitleText: '审核办件' });
