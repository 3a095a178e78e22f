#!/usr/bin/env node
// Dependency-free pre-check run by bin/test: names the example invoices and official schema
// bundles the test suite reads from the shared folder and that are absent, once, with where to
// get them. It never fails: the tests that need a missing file fail on their own.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const shared = path.resolve(process.env.PASSERELLE_SHARED_DIR ?? path.join(root, '..', 'shared'));
const { samples } = JSON.parse(
  readFileSync(path.join(root, 'test', 'support', 'shared-samples.json'), 'utf8'),
);
const absent = Object.entries(samples).filter(
  ([file]) => !existsSync(path.join(shared, 'samples', file)),
);
if (absent.length > 0) {
  console.error(
    `passerelle: ${absent.length} of ${Object.keys(samples).length} example invoices are missing from ${path.join(shared, 'samples')}; the tests that read them will fail. Get each from:`,
  );
  for (const [file, address] of absent) console.error(`  ${file}  ${address}`);
}
const manifest = JSON.parse(readFileSync(path.join(root, 'schemas', 'manifest.json'), 'utf8'));
for (const bundle of manifest.bundles) {
  const files = Object.keys(bundle.files);
  const gone = files.filter((file) => !existsSync(path.join(shared, 'schemas', file)));
  if (gone.length === 0) continue;
  console.error(
    `passerelle: ${gone.length} of ${files.length} files of ${bundle.id} are missing from ${path.join(shared, 'schemas')} (download: ${bundle.download.join(' or ')}; then npm run schemas -- install --dir ${path.join(shared, 'schemas')} <zip>...).`,
  );
}
