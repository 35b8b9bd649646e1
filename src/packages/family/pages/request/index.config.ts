export default definePageConfig({
  navigationBarTitleText: '申请代祭扫',
});
