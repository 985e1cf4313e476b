// NutUI's Loading can render a lottie animation; none of the tests need it.
module.exports = { __esModule: true, default: () => null, Lottie: () => null };
