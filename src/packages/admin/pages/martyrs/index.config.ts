export default definePageConfig({
  navigationBarTitleText: '英名录管理',
});
