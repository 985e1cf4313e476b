// The builds set these through webpack's DefinePlugin; under jest they are plain env.
process.env.TARO_ENV = 'h5';
process.env.TARO_PLATFORM = 'web';
