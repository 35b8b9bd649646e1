export default definePageConfig({
  navigationBarTitleText: '巡查登记',
});
