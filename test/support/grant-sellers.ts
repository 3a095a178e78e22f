import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { E2eWorld } from './e2e-world.js';
import { runCli } from './gateway-process.js';

/**
 * Grants `login` a deposit mandate for the seller of each file, as read by the gateway's own
 * `validate --json` (the shared samples are in their real sellers' names, not the test
 * supplier's). Returns the seller ids granted.
 */
export function grantSellersOf(
  world: E2eWorld,
  login: string,
  files: ReadonlyMap<string, Uint8Array>,
): string[] {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pl-sellers-'));
  try {
    const paths = [...files].map(([name, bytes]) => {
      const file = path.join(dir, name);
      writeFileSync(file, bytes);
      return file;
    });
    const result = runCli(world.env, ['validate', '--json', '--no-directory', ...paths]);
    const sellers = new Set<string>();
    for (const line of result.stdout.split('\n').filter(Boolean)) {
      const report = JSON.parse(line) as { keys?: { sellerId?: string } };
      if (report.keys?.sellerId !== undefined) sellers.add(report.keys.sellerId);
    }
    for (const seller of sellers) {
      const granted = runCli(world.env, ['account', 'grant', login, seller]);
      if (granted.status !== 0) throw new Error(`grant ${seller}: ${granted.stderr}`);
    }
    return [...sellers];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
