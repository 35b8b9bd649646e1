export default definePageConfig({
  navigationBarTitleText: '烈士纪念设施一张图',
  enablePullDownRefresh: false,
});
