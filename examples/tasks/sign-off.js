'use strict';
// EX-7: human-required; runs only with --yes or when confirmed at the prompt.
console.log(`release notes signed off by ${process.env.USER || 'someone'}`);
