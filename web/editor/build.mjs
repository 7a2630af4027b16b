// Bundles the page's editor (editor.mjs and the CodeMirror packages pinned in package-lock.json)
// into one minified ES module with esbuild. Same inputs, same bytes: no timestamps, no absolute
// paths, a banner naming the bundled versions.
//   node web/editor/build.mjs OUT.mjs      (after `npm ci` here; ci/setup.sh does it)
// ci/publish-site runs it and publishes the result as vendor/codemirror.mjs.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const out = process.argv[2];
if (!out || process.argv.length > 3) {
  console.error('usage: node build.mjs OUT.mjs');
  process.exit(2);
}
let esbuild;
try {
  esbuild = await import('esbuild');
} catch (e) {
  console.error(`build.mjs: esbuild is not installed in ${here}: run \`npm ci\` there (ci/setup.sh does)`);
  process.exit(2);
}
const lock = JSON.parse(readFileSync(path.join(here, 'package-lock.json'), 'utf8'));
const bundled = Object.entries(lock.packages)
  .filter(([key]) => /^node_modules\/(@codemirror|@lezer)\//.test(key))
  .map(([key, p]) => `${key.slice('node_modules/'.length)}@${p.version}`);
for (const name of bundled) {  // node_modules must be what the lock file says
  const [pkg, version] = [name.slice(0, name.lastIndexOf('@')), name.slice(name.lastIndexOf('@') + 1)];
  const installed = JSON.parse(readFileSync(path.join(here, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  if (installed !== version) {
    console.error(`build.mjs: node_modules has ${pkg} ${installed}, the lock file says ${version}: run \`npm ci\``);
    process.exit(2);
  }
}
await esbuild.build({
  absWorkingDir: here,
  entryPoints: ['editor.mjs'],
  outfile: path.resolve(out),
  bundle: true,
  format: 'esm',
  target: 'es2020',
  minify: true,
  legalComments: 'none',  // the licences are added whole at the end
  charset: 'utf8',
  logLevel: 'warning',
  banner: { js: `// CodeMirror for the wasm-build page, built by web/editor/build.mjs: ${bundled.join(' ')}` },
  footer: { js: licenses() },
});

/// The bundled packages' licence texts (MIT), each distinct text once, as a closing comment.
function licenses() {
  const texts = new Map();
  for (const name of bundled) {
    const pkg = name.slice(0, name.lastIndexOf('@'));
    const text = readFileSync(path.join(here, 'node_modules', pkg, 'LICENSE'), 'utf8').trim();
    texts.set(text, [...(texts.get(text) || []), pkg]);
  }
  return [...texts].map(([text, pkgs]) => `/* ${pkgs.join(', ')}:\n\n${text.replaceAll('*/', '* /')}\n*/`).join('\n');
}
