export default definePageConfig({
  navigationBarTitleText: '预约核验',
});
