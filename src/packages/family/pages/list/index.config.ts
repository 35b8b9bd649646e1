export default definePageConfig({
  navigationBarTitleText: '我的代祭扫',
  enablePullDownRefresh: true,
});
