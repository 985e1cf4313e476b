/**
 * Main package: everything an applicant needs (so the first open is one download).
 * Reviewer and admin pages live in subpackages that only staff ever load.
 */
export default defineAppConfig({
  pages: [
    'pages/index/index',
    'pages/applications/index',
    'pages/me/index',
    'pages/login/index',
    'pages/policy-detail/index',
    'pages/apply/index',
    'pages/application-detail/index',
    'pages/grants/index',
    'pages/payments/index',
    'pages/bind/index',
    'pages/members/index',
    'pages/messages/index',
    'pages/publicity/index',
  ],
  subPackages: [
    {
      root: 'reviewer',
      pages: [
        'queue/index',
        'review-detail/index',
        'batches/index',
        'batch-detail/index',
        'loan-detail/index',
      ],
    },
    // 创业担保贷款 (issue 13): the borrower's form and progress, the guarantee company, the bank
    { root: 'loan', pages: ['apply/index', 'detail/index'] },
    { root: 'guarantor', pages: ['queue/index', 'detail/index'] },
    { root: 'bank', pages: ['queue/index', 'detail/index'] },
    {
      root: 'admin',
      pages: [
        'dashboard/index',
        'runs/index',
        'import/index',
        'policies/index',
        'payables/index',
        'recoveries/index',
        'batches/index',
        'batch-detail/index',
        'budget/index',
        'staff/index',
        'studio/index',
        'studio-editor/index',
        'parameters/index',
        'trail/index',
      ],
    },
  ],
  // WeChat injects only the components a page renders (code-quality check LAZYCODE_LOADING_OPEN)
  lazyCodeLoading: 'requiredComponents',
  window: {
    backgroundTextStyle: 'light',
    navigationBarBackgroundColor: '#c8161d',
    navigationBarTitleText: '直达',
    navigationBarTextStyle: 'white',
  },
  tabBar: {
    color: '#666666',
    selectedColor: '#c8161d',
    backgroundColor: '#ffffff',
    borderStyle: 'black',
    list: [
      {
        pagePath: 'pages/index/index',
        iconPath: 'assets/tab/home.png',
        selectedIconPath: 'assets/tab/home-active.png',
        text: '首页',
      },
      {
        pagePath: 'pages/applications/index',
        iconPath: 'assets/tab/applications.png',
        selectedIconPath: 'assets/tab/applications-active.png',
        text: '办件',
      },
      {
        pagePath: 'pages/messages/index',
        iconPath: 'assets/tab/messages.png',
        selectedIconPath: 'assets/tab/messages-active.png',
        text: '消息',
      },
      {
        pagePath: 'pages/me/index',
        iconPath: 'assets/tab/me.png',
        selectedIconPath: 'assets/tab/me-active.png',
        text: '我的',
      },
    ],
  },
});
