import { join } from 'node:path';

/** Where `npm run build` puts the page (index.html, app.js, app.css); serve it as static files. */
export const dashboardAssetsDir = join(__dirname, '..', 'dist', 'assets');
