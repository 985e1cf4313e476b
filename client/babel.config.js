// babel-preset-taro for the builds; under jest (NODE_ENV=test) the same preset
// transpiles for jsdom. NutUI is imported per component in builds so the weapp
// package carries only the components (and their CSS) the pages use; under jest
// NutUI is mapped to its ESM build instead (see jest.config.js).
module.exports = (api) => {
  const isTest = api.env('test');
  return {
    presets: [
      [
        'taro',
        {
          framework: 'react',
          ts: true,
          compiler: 'webpack5',
          ...(isTest ? { targets: { node: 'current' } } : {}),
        },
      ],
    ],
    plugins: isTest
      ? []
      : [
          [
            'import',
            {
              libraryName: '@nutui/nutui-react-taro',
              camel2DashComponentName: false,
              customName: (name) =>
                `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
              style: (path) => `${path}/style/css`,
            },
            'nutui-react-taro',
          ],
        ],
  };
};
