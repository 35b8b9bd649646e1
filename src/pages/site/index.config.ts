export default definePageConfig({
  navigationBarTitleText: '纪念设施',
});
