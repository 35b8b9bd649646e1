export default definePageConfig({
  navigationBarTitleText: '代祭扫工单',
  enablePullDownRefresh: true,
});
