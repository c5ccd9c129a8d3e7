'use strict';
// EX-1: succeeds at once.
const { work } = require('./lib');

work(400, 4, 'greeting').then(() =>
  console.log(`hello from ${process.env.TASKLEDGER_TASK_ID}, attempt ${process.env.TASKLEDGER_ATTEMPT}`),
);
