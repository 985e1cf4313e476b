// In builds, Taro's H5 plugin rewrites `Taro.request` into a named import from
// @tarojs/taro-h5, and the React plugin's api-loader attaches the page hooks
// (useDidShow…) to the Taro object and hands them React. Under jest neither
// happens, so do both here with the real implementations (nothing is mocked).
const React = require('react');
const ReactDOM = require('react-dom');
const h5 = require('@tarojs/taro-h5');
const reactRuntime = require('@tarojs/plugin-framework-react/dist/runtime');

// Gives the hooks their React and a PageContext, as createReactApp does at launch.
reactRuntime.createH5NativeComponentConfig(() => null, React, ReactDOM);
reactRuntime.connectReactPage(React, 'jest-page')(() => null);

const hooks = Object.fromEntries(
  Object.entries(reactRuntime).filter(([name]) => /^use[A-Z]/.test(name)),
);
const taro = Object.assign({}, h5.default, h5, hooks);
delete taro.default;
module.exports = { ...taro, __esModule: true, default: taro };
