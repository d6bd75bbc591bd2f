{
  "//": "Type-checks the tests (run from source with `node --test`; nothing is emitted).",
  "extends": "../tsconfig.json",
  "compilerOptions": { "noEmit": true, "rootDir": ".." },
  "include": ["./**/*.ts"]
}
