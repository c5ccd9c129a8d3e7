'use strict';
// EX-5: runs only once EX-3 (the build) has completed.
const { work } = require('./lib');

work(300, 3, 'uploading').then(() => console.log('published'));
