import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(__dirname, '../../..');
const libs = readdirSync(join(root, 'libs')).filter((lib) => existsSync(join(root, 'libs', lib, 'package.json')));

const filesUnder = (dir: string): string[] =>
  existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
      )
    : [];

const isTestSupport = (specifier: string) =>
  specifier === 'fast-check' || /^(node:)?assert(\/|$)/.test(specifier) || /(^|\/)testing(\/|$)/.test(specifier);

/** `file: specifier` for every module the file loads that only tests may use. */
const testSupportImports = (file: string, pattern: RegExp): string[] =>
  [...readFileSync(file, 'utf8').matchAll(pattern)]
    .map((match) => match[1]!)
    .filter(isTestSupport)
    .map((specifier) => `${relative(root, file)}: ${specifier}`);

const isProductionSource = (file: string) =>
  file.endsWith('.ts') && !/\.(spec|contract)\.ts$/.test(file) && !relative(root, file).split('/').includes('testing');

describe('test support stays out of production code', () => {
  it('no production source file of a lib imports fast-check, node:assert or a testing module', () => {
    const found = libs.flatMap((lib) =>
      filesUnder(join(root, 'libs', lib, 'src'))
        .filter(isProductionSource)
        .flatMap((file) => testSupportImports(file, /(?:from|import|require\()\s*'([^']+)'/g)),
    );
    expect(found).toEqual([]);
  });

  it('no built file in a lib dist requires fast-check, node:assert or a testing module', () => {
    const built = libs.flatMap((lib) => filesUnder(join(root, 'libs', lib, 'dist'))).filter((f) => f.endsWith('.js'));
    expect(built.length).toBeGreaterThan(0);
    expect(built.flatMap((file) => testSupportImports(file, /require\("([^"]+)"\)/g))).toEqual([]);
  });

  it('test helpers are built nowhere: each ./testing export resolves to src/testing only from source', () => {
    for (const lib of libs) {
      const pkg = JSON.parse(readFileSync(join(root, 'libs', lib, 'package.json'), 'utf8')) as {
        exports: Record<string, unknown>;
        dependencies?: Record<string, string>;
      };
      const testing = pkg.exports['./testing'];
      if (testing !== undefined)
        expect({ lib, testing }).toEqual({ lib, testing: { '@taskledger/source': './src/testing/index.ts' } });
      expect({ lib, dependencies: Object.keys(pkg.dependencies ?? {}) }).not.toEqual({
        lib,
        dependencies: expect.arrayContaining(['fast-check']),
      });
      const excluded = JSON.parse(readFileSync(join(root, 'libs', lib, 'tsconfig.lib.json'), 'utf8')) as {
        exclude: string[];
      };
      if (existsSync(join(root, 'libs', lib, 'src', 'testing')))
        expect({ lib, exclude: excluded.exclude }).toEqual({
          lib,
          exclude: expect.arrayContaining(['src/testing/**']),
        });
    }
  });

  it('fast-check is a development dependency of the workspace only', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    expect(pkg.devDependencies['fast-check']).toBeDefined();
    expect(pkg.dependencies?.['fast-check']).toBeUndefined();
  });
});
