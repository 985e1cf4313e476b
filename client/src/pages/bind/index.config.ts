export default definePageConfig({ navigationBarTitleText: '身份绑定' });
