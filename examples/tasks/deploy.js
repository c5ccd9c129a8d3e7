'use strict';
// EX-4: fails for good: the deploy key may not be read. A permission failure (exit 126) is not
// retried past its policy (0 retries in the example config) and is marked as needing a person.
console.error("Error: EACCES: permission denied, open '/etc/deploy/credentials.json'");
process.exit(126);
