#!/usr/bin/env node
// Dependency-free pre-check run by bin/start before anything is installed: lists, per bundle
// of schemas/manifest.json the gateway needs, how many files are absent from the folder given
// as argument and where to download them. Exit 1 when any is absent. Content is checked later,
// by the gateway and by `passerelle schemas check`.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.resolve(process.argv[2] ?? path.join(root, 'schemas', 'official'));
const manifest = JSON.parse(readFileSync(path.join(root, 'schemas', 'manifest.json'), 'utf8'));
let incomplete = false;
for (const bundle of manifest.bundles) {
  if (bundle.requiredBy !== 'gateway') continue;
  const files = Object.keys(bundle.files);
  const absent = files.filter((file) => !existsSync(path.join(dir, file)));
  if (absent.length === 0) continue;
  incomplete = true;
  console.error(
    `  ${bundle.id}: ${absent.length} of ${files.length} files missing (${bundle.name})`,
  );
  for (const address of bundle.download) console.error(`    download: ${address}`);
}
if (incomplete) {
  console.error(`passerelle: the official schemas are not installed in ${dir}.`);
  console.error('  Download the bundles above, then: npm run schemas -- install <zip|folder>...');
  console.error('  or set PASSERELLE_SCHEMAS_DIR. See README, "Installing the schemas".');
  process.exit(1);
}
