/**
 * Jest for the Taro client under jsdom (PROBES.md "Taro 4.2.1 client"):
 * babel-jest with this folder's babel.config.js, Taro's H5 implementations in place
 * of the mini-program ones, NutUI's ESM build (its UMD main touches canvas).
 * Run alone: `npx jest -c client/jest.config.js` from the repo root, or as the
 * root config's 'client' project.
 */
const path = require('node:path');

const ESM_PACKAGES = [
  '@tarojs',
  '@stencil',
  'lodash-es',
  'query-string',
  'decode-uri-component',
  'split-on-first',
  'filter-obj',
  'swiper',
  'ssr-window',
  'dom7',
  'nanoid',
  '@nutui',
  // taro-h5 ships a pnpm-vendored copy of style-inject (ESM) inside its dist
  '\\.pnpm',
  'style-inject',
  'tslib',
];

module.exports = {
  displayName: 'client',
  rootDir: __dirname,
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/src/**/*.test.{ts,tsx}'],
  setupFiles: ['<rootDir>/jest.setup.ts'],
  transform: {
    '^.+\\.(mjs|[jt]sx?)$': ['babel-jest', { configFile: path.join(__dirname, 'babel.config.js') }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'jsx', 'mjs', 'json'],
  moduleNameMapper: {
    // components-react has a circular import; lib/react is the same components.
    '^@tarojs/components$': '@tarojs/components/lib/react',
    '^@tarojs/taro$': '<rootDir>/test-stubs/taro.js',
    '^@nutui/nutui-react-taro$': '@nutui/nutui-react-taro/dist/es/packages/nutui.react.build.js',
    '^(lottie-react|@nutui/lottie-miniprogram)$': '<rootDir>/test-stubs/lottie.js',
    '^@shared/(.*)$': '<rootDir>/../shared/$1',
    '\\.(css|scss|sass|less)$': '<rootDir>/test-stubs/style.js',
  },
  globals: {
    DEPRECATED_ADAPTER_COMPONENT: false,
    ENABLE_INNER_HTML: true,
    ENABLE_ADJACENT_HTML: true,
    ENABLE_SIZE_APIS: false,
    ENABLE_TEMPLATE_CONTENT: true,
    ENABLE_CLONE_NODE: true,
    ENABLE_CONTAINS: true,
    ENABLE_MUTATION_OBSERVER: false,
    API_BASE: 'http://api.test',
  },
};
