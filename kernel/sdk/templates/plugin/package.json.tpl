{
  "name": "{{package}}",
  "version": "1.0.0",
  "description": "{{title}}: a Tessera plugin (notes per tenant, with a staff screen).",
  "type": "module",
  "license": "UNLICENSED",
  "exports": {
    ".": { "types": "./dist/index.d.ts", "default": "./dist/index.js" },
    "./contract": { "types": "./dist/contract/index.d.ts", "default": "./dist/contract/index.js" },
    "./package.json": "./package.json"
  },
  "files": ["dist", "README.md"],
  "engines": { "node": ">=24" },
  "scripts": {
    "test": "node --test",
    "typecheck": "tsc -p tsconfig.json --noEmit && tsc -p ui/tsconfig.json && tsc -p test/tsconfig.json",
    "build": "tessera plugins build",
    "dev": "tessera plugins dev ."
  },
  "peerDependencies": {
    "@tessera/sdk": "{{sdkRange}}",
    "@tessera/ui-kit": "{{kitRange}}",
    "lit": "{{litRange}}"
  },
  "peerDependenciesMeta": {
    "@tessera/ui-kit": { "optional": true },
    "lit": { "optional": true }
  },
  "devDependencies": {
    "@tessera/kernel": "{{kernelPackageRange}}",
    "@tessera/sdk": "{{sdkRange}}",
    "@tessera/ui-kit": "{{kitRange}}",
    "@types/node": "{{typesNodeRange}}",
    "lit": "{{litRange}}",
    "typescript": "{{typescriptRange}}",
    "vite": "{{viteRange}}"
  }
}
