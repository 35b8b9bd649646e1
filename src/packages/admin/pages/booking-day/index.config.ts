export default definePageConfig({
  navigationBarTitleText: '预约日表',
  enablePullDownRefresh: true,
});
