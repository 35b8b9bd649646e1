export default definePageConfig({
  navigationBarTitleText: '代祭扫详情',
  enablePullDownRefresh: true,
});
