import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { readSchemaManifest, type SchemaBundle, type SchemaManifest } from './schema-manifest.js';

/** The state of one bundle in a schemas folder. */
export interface BundleCheck {
  readonly bundle: SchemaBundle;
  /** Files in place whose SHA-256 is the manifest's. */
  readonly intact: number;
  readonly missing: readonly string[];
  /** Files in place whose content differs from the published one. */
  readonly altered: readonly string[];
}

export interface SchemasCheck {
  readonly schemasDir: string;
  readonly bundles: readonly BundleCheck[];
  /** Every file of every bundle the gateway needs is present and intact. */
  readonly isGatewayReady: boolean;
}

export function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function checkBundle(schemasDir: string, bundle: SchemaBundle): BundleCheck {
  const missing: string[] = [];
  const altered: string[] = [];
  let intact = 0;
  for (const [relative, expected] of Object.entries(bundle.files)) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(schemasDir, relative));
    } catch {
      missing.push(relative);
      continue;
    }
    if (sha256Of(bytes) === expected) intact += 1;
    else altered.push(relative);
  }
  return { bundle, intact, missing, altered };
}

/** Compares every file of the manifest's bundles with its SHA-256 (`passerelle schemas check`). */
export function checkSchemas(
  schemasDir: string,
  manifest: SchemaManifest = readSchemaManifest(),
): SchemasCheck {
  const bundles = manifest.bundles.map((bundle) => checkBundle(schemasDir, bundle));
  return {
    schemasDir,
    bundles,
    isGatewayReady: bundles.every(
      (check) =>
        check.bundle.requiredBy !== 'gateway' ||
        (check.missing.length === 0 && check.altered.length === 0),
    ),
  };
}
