import { readFileSync } from 'node:fs';
import path from 'node:path';
import { E2eWorld } from '../support/e2e-world.js';
import { renumber } from '../support/frenchify.js';
import { REPO_ROOT } from '../support/paths.js';
import { buildZip } from '../support/zip-writer.js';
import { formatMs, median } from './stats.js';

const FIXTURES = path.join(REPO_ROOT, 'fixtures', 'invoices');

/** Distinct valid invoices, alternating UBL and CII, all for the same public entity. */
function invoices(count: number, tag: string): Buffer[] {
  const ubl = readFileSync(path.join(FIXTURES, 'fr-ubl-valid.xml'));
  const cii = readFileSync(path.join(FIXTURES, 'fr-cii-valid.xml'));
  return Array.from({ length: count }, (_, index) =>
    renumber(index % 2 === 0 ? ubl : cii, `${tag}-${String(index).padStart(5, '0')}`),
  );
}

/** Upload `count` files over one SFTP session; time from the first upload to the last acknowledgement. */
async function runFiles(
  count: number,
  run: number,
): Promise<{ totalMs: number; uploadMs: number }> {
  const world = await E2eWorld.create({ externalRedis: false });
  try {
    await world.gateway.start();
    const acme = await world.supplier();
    const files = invoices(count, `B${run}`);
    const names = files.map((_, index) => `bench-${index}.xml`);
    const start = performance.now();
    for (const [index, file] of files.entries()) await acme.put(file, `/in/${names[index] ?? ''}`);
    const uploadMs = performance.now() - start;
    const acks = await acme.waitForAcks(names, 600_000);
    const totalMs = performance.now() - start;
    const accepted = [...acks.values()].filter((ack) => ack.state === 'IN_INTEGRE').length;
    if (accepted !== count) throw new Error(`only ${accepted} of ${count} invoices accepted`);
    await acme.end();
    return { totalMs, uploadMs };
  } finally {
    await world.dispose();
  }
}

async function runBatch(count: number, run: number): Promise<number> {
  const world = await E2eWorld.create({ externalRedis: false });
  try {
    await world.gateway.start();
    const acme = await world.supplier();
    const zip = buildZip(
      invoices(count, `Z${run}`).map((data, index) => ({ name: `inv-${index}.xml`, data })),
    );
    const start = performance.now();
    await acme.put(zip, '/in/batch.zip');
    const ack = (await acme.waitForAcks(['batch.zip'], 600_000)).get('batch.zip');
    const totalMs = performance.now() - start;
    if (ack?.state !== 'IN_INTEGRE' || ack.counts.accepted !== count)
      throw new Error(`batch not integrated: ${ack?.state ?? 'none'}`);
    await acme.end();
    return totalMs;
  } finally {
    await world.dispose();
  }
}

export async function runPipelineBench(runs: number): Promise<void> {
  const count = Number(process.env.BENCH_FILES ?? 1000);
  const results: { totalMs: number; uploadMs: number }[] = [];
  for (let run = 0; run < runs; run += 1) results.push(await runFiles(count, run));
  const total = median(results.map((result) => result.totalMs));
  const upload = median(results.map((result) => result.uploadMs));
  console.log(
    `pipeline: ${count} invoice files over one SFTP session, first upload → last acknowledgement`,
  );
  console.log(`  runs ${runs}: ${results.map((result) => formatMs(result.totalMs)).join(', ')}`);
  console.log(
    `  median ${formatMs(total)} (${(count / (total / 1000)).toFixed(0)} invoices/s); of which uploading ${formatMs(upload)}`,
  );
  const batches: number[] = [];
  for (let run = 0; run < runs; run += 1) batches.push(await runBatch(Math.min(count, 500), run));
  console.log(
    `pipeline: one zip batch of ${Math.min(count, 500)} invoices, upload → acknowledgement`,
  );
  console.log(
    `  runs ${runs}: ${batches.map(formatMs).join(', ')}; median ${formatMs(median(batches))}`,
  );
}
