import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const PackageJson = z.object({ version: z.string() });

/** This package's version, as /openapi.json reports it (the same file from src and from dist). */
export const packageVersion = (): string =>
  PackageJson.parse(JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'))).version;
