{
  "//": "The server build: src/ → dist/ (JavaScript + .d.ts; Node does not strip types under node_modules). `tessera plugins build` runs it, then the UI build.",
  "compilerOptions": {
    "target": "es2024",
    "module": "nodenext",
    "moduleResolution": "nodenext",
    "lib": ["es2024"],
    "strict": true,
    "declaration": true,
    "rootDir": "src",
    "outDir": "dist",
    "erasableSyntaxOnly": true,
    "verbatimModuleSyntax": true,
    "allowImportingTsExtensions": true,
    "rewriteRelativeImportExtensions": true,
    "skipLibCheck": true,
    "types": ["node"]
  },
  "include": ["src/**/*.ts"]
}
