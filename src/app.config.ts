export default defineAppConfig({
  pages: ['pages/index/index', 'pages/site/index', 'pages/martyr/index', 'pages/my/index', 'pages/my-tributes/index', 'pages/booking/index', 'pages/booking-voucher/index', 'pages/my-bookings/index'],
  subPackages: [
    {
      // Staff console (管理端): only downloaded when a staff member opens it.
      root: 'packages/admin',
      pages: ['pages/login/index', 'pages/sites/index', 'pages/sweeps/index', 'pages/sweep/index', 'pages/tributes/index', 'pages/notice/index', 'pages/check-in/index', 'pages/booking-day/index', 'pages/assisted-booking/index', 'pages/records/index', 'pages/record/index', 'pages/history/index', 'pages/import/index', 'pages/patrol/index', 'pages/staff/index', 'pages/stats/index', 'pages/martyrs/index', 'pages/slot-template/index'],
    },
    {
      // Proxy tomb-sweeping for families (代祭扫): request, progress, proof and confirmation.
      root: 'packages/family',
      pages: ['pages/request/index', 'pages/list/index', 'pages/detail/index'],
    },
  ],
  window: {
    navigationBarTitleText: '烈士纪念设施一张图',
    navigationBarBackgroundColor: '#9b1c1c',
    navigationBarTextStyle: 'white',
    backgroundColor: '#f6f3ee',
  },
  tabBar: {
    color: '#5c5c5c',
    selectedColor: '#9b1c1c',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      { pagePath: 'pages/index/index', text: '附近纪念设施' },
      { pagePath: 'pages/my/index', text: '我的' },
    ],
  },
  requiredPrivateInfos: ['getLocation', 'chooseLocation'],
  permission: {
    'scope.userLocation': {
      desc: '用于查找离您最近的烈士纪念设施并规划前往路线',
    },
  },
  lazyCodeLoading: 'requiredComponents',
});
