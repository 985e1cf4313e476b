import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev';
import prodConfig from './prod';

/** NutUI's own styles are drawn on a 375px canvas; ours on 750 (Taro's default). */
function designWidth(input?: unknown): number {
  const file =
    typeof input === 'object' && input && 'file' in input
      ? String((input as { file?: unknown }).file ?? '')
      : '';
  return file.replace(/\\+/g, '/').includes('@nutui') ? 375 : 750;
}

/**
 * The API base URL is fixed at build time: TARO_APP_API (or API_BASE) in the
 * environment of `taro build`, default the local serverless-offline port.
 */
const apiBase = process.env.TARO_APP_API || process.env.API_BASE || 'http://localhost:3000';

const sharedDir = path.resolve(__dirname, '..', '..', 'shared');

/** Our own modules every page shares: the domain core and the client's API layer and widgets. */
const domainDirs = [
  sharedDir,
  ...['api', 'components', 'hooks', 'upload', 'wechat'].map((d) =>
    path.resolve(__dirname, '..', 'src', d),
  ),
];
/** The packages they need: zod, the calendar's, and Taro.request's H5 polyfills (fetch, AbortController, JSONP). */
const domainPackages =
  /[\\/]node_modules[\\/](zod|dayjs|chinese-days|whatwg-fetch|abortcontroller-polyfill|jsonp-retry)[\\/]/;

const alias = {
  // The domain core (pure TS, no Taro) lives in the repo's top-level shared/.
  '@shared': sharedDir,
  '@': path.resolve(__dirname, '..', 'src'),
};

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'zhida-client',
    date: '2026-1-1',
    designWidth,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    defineConstants: {
      API_BASE: JSON.stringify(apiBase),
    },
    alias,
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    cache: { enable: true },
    mini: {
      // Files outside src/ are not transpiled unless listed: the shared domain core is TS.
      compile: { include: [sharedDir] },
      // Per-component NutUI CSS is pulled in by several pages in different orders;
      // the rules do not overlap, so the order warning is noise.
      miniCssExtractPluginOption: { ignoreOrder: true },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
    h5: {
      compile: { include: [sharedDir] },
      publicPath: './',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: {
        // [chunkid] was emitted literally in trial runs; contenthash works.
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js',
      },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      // Taro splits only initial chunks on H5, so every lazily loaded page carried its
      // own copy of the Taro components and NutUI (~30 KB each): share them instead.
      webpackChain(chain) {
        const splitChunks = chain.optimization.get('splitChunks');
        if (!splitChunks) return;
        chain.optimization.splitChunks({
          ...splitChunks,
          cacheGroups: {
            ...splitChunks.cacheGroups,
            ui: {
              name: 'ui',
              chunks: 'async',
              test: /[\\/]node_modules[\\/](@tarojs[\\/]components|@stencil|@nutui)[\\/]/,
              minChunks: 2,
              priority: 200,
              reuseExistingChunk: true,
            },
            // The same for the domain core (zod schemas, lifecycles, calendar) and our API
            // client: without this each page chunk carried its own ~150 KB copy. Matched by
            // directory, not by a name in the path: swiper's own shared/ folder (144 KB) once
            // went here and so to every page.
            domain: {
              name: 'domain',
              chunks: 'async',
              test: (module: { nameForCondition?: () => string | null }) => {
                const file = module.nameForCondition?.() ?? '';
                return (
                  domainPackages.test(file) ||
                  domainDirs.some((dir) => file.startsWith(dir + path.sep))
                );
              },
              minChunks: 2,
              priority: 100,
              reuseExistingChunk: true,
            },
            // swiper (NutUI's swiping widgets) only for the pages that show one.
            swiper: {
              name: 'swiper',
              chunks: 'async',
              test: /[\\/]node_modules[\\/]swiper[\\/]/,
              minChunks: 2,
              priority: 90,
              reuseExistingChunk: true,
            },
          },
        });
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: {
            namingPattern: 'module',
            generateScopedName: '[name]__[local]___[hash:base64:5]',
          },
        },
      },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
