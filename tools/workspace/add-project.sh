#!/usr/bin/env bash
# Scaffolds the build/test/lint configuration of a workspace project.
# usage: tools/workspace/add-project.sh <libs|apps|tools>/<name> <tag> [dep-project-dir ...]
# The package.json (name, dependencies) is written by hand; this writes the rest.
set -euo pipefail
dir=$1; tag=$2; shift 2
name=$(basename "$dir")
kind=lib; [[ $dir == apps/* ]] && kind=app
[[ $dir == tools/* ]] && kind=app
refs=""
for dep in "$@"; do refs="$refs{ \"path\": \"../../$dep/tsconfig.lib.json\" },"; done
refs=${refs%,}
mkdir -p "$dir/src"
cat > "$dir/tsconfig.json" <<JSON
{
  "files": [],
  "references": [{ "path": "./tsconfig.lib.json" }, { "path": "./tsconfig.spec.json" }]
}
JSON
cat > "$dir/tsconfig.lib.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": {
    "rootDir": "src",
    "outDir": "dist",
    "tsBuildInfoFile": "dist/tsconfig.lib.tsbuildinfo"
  },
  "include": ["src/**/*.ts"],
  "exclude": ["src/**/*.spec.ts", "src/**/*.contract.ts"],
  "references": [$refs]
}
JSON
cat > "$dir/tsconfig.spec.json" <<JSON
{
  "extends": "../../tsconfig.base.json",
  "compilerOptions": {
    "noEmit": true,
    "rootDir": ".",
    "types": ["node", "jest"],
    "tsBuildInfoFile": "dist/tsconfig.spec.tsbuildinfo"
  },
  "include": ["src/**/*.spec.ts", "src/**/*.contract.ts", "test/**/*.ts"],
  "references": [{ "path": "./tsconfig.lib.json" }]
}
JSON
cat > "$dir/jest.config.cjs" <<JS
module.exports = require('../../jest.preset.cjs')(__dirname);
JS
cat > "$dir/project.json" <<JSON
{
  "name": "$name",
  "\$schema": "../../node_modules/nx/schemas/project-schema.json",
  "sourceRoot": "$dir/src",
  "projectType": "$( [[ $kind == lib ]] && echo library || echo application )",
  "tags": ["$tag"],
  "targets": {
    "build": {
      "executor": "nx:run-commands",
      "options": { "command": "tsc -b $dir/tsconfig.lib.json" },
      "dependsOn": ["^build"],
      "outputs": ["{projectRoot}/dist"]
    },
    "typecheck": {
      "executor": "nx:run-commands",
      "options": { "command": "tsc -b $dir/tsconfig.json" },
      "dependsOn": ["build"]
    },
    "lint": {
      "executor": "nx:run-commands",
      "options": { "command": "eslint $dir" }
    },
    "test": {
      "executor": "nx:run-commands",
      "options": { "command": "jest -c $dir/jest.config.cjs" }
    }
  }
}
JSON
echo "scaffolded $dir ($tag)"
