// Where a V8 profile's call frame runs, from its URL: the package, the app's own code (under dist/),
// Node's internals or native code. Shared by scripts/cpu-profile-summary.mjs and scripts/alloc-summary.mjs.

/**
 * `file`: the app's file and Node's module in full (to find a function); else the app's first three
 * path segments (`app: libs/events/src`) and `node internals` (to sum by package).
 */
export function placeOf(url, { file = false } = {}) {
  if (!url) {
    return '(native)';
  }
  const inPackage = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (inPackage) {
    return inPackage[1];
  }
  if (url.startsWith('node:')) {
    return file ? url : 'node internals';
  }
  if (url.includes('/dist/')) {
    const path = url.replace(/.*\/dist\//, '');
    return `app: ${file ? path : path.split('/').slice(0, 3).join('/')}`;
  }
  return url;
}
