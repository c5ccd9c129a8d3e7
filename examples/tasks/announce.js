'use strict';
// EX-6: waits for EX-4, which fails; so it is skipped (dependencies unmet) until EX-4 is done.
console.log('release announced');
