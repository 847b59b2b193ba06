// Turbopack loader that passes source through unchanged. Used with `as: '*.mts'` so that
// shared ../domain modules (ESM syntax, in a package whose package.json says "type": "commonjs")
// are bundled as the ES modules they are.
module.exports = function esmSourceLoader(source) {
  return source;
};
