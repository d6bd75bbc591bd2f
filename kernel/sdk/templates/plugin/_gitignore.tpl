node_modules/
dist/
*.tgz
.data/
