export default definePageConfig({
  navigationBarTitleText: '我的祭扫',
  enablePullDownRefresh: false,
});
