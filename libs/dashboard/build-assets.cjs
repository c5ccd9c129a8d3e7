// Bundles the page (src/page) into dist/assets: index.html, app.js and app.css, no CDN.
const { copyFileSync, mkdirSync } = require('node:fs');
const { join } = require('node:path');
const esbuild = require('esbuild');

const out = join(__dirname, 'dist', 'assets');
mkdirSync(out, { recursive: true });
esbuild.buildSync({
  entryPoints: { app: join(__dirname, 'src', 'page', 'main.ts') },
  bundle: true,
  minify: true,
  sourcemap: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  outdir: out,
  logLevel: 'warning',
});
copyFileSync(join(__dirname, 'src', 'page', 'index.html'), join(out, 'index.html'));
