export default definePageConfig({
  navigationBarTitleText: '代客预约（绿色通道）',
});
