/**
 * EN 16931 rules benchmark: engine (parse + model + rules) against the official XSLT under
 * SaxonJS with a precompiled SEF, on the shared samples and on generated large invoices.
 * Single process, single core, after warm-up; prints medians. Called by `npm run bench`.
 */
import { performance } from 'node:perf_hooks';
import { readInvoiceModel } from '../../src/formats/model/index.js';
import { checkEn16931 } from '../../src/validate/en16931/index.js';
import { listSamples, sharedSyntaxBinding } from '../support/en16931-parity.js';
import { generateUblInvoice } from '../support/en16931-generate.js';
import { ensureOfficialSef, runOfficialCen, type OfficialSyntax } from '../support/official-cen.js';

function median(values: readonly number[]): number {
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function timeMs(action: () => void): number {
  const start = performance.now();
  action();
  return performance.now() - start;
}

function runEngine(buffer: Buffer, withSyntaxBinding = true): number {
  const result = readInvoiceModel(buffer, { maxLines: 1_000_000 });
  if (!result.ok) return result.issues.length;
  const syntaxBinding = withSyntaxBinding ? sharedSyntaxBinding() : undefined;
  return checkEn16931(result.model, { tree: result.tree, syntaxBinding }).length;
}

function format(ms: number): string {
  return `${ms.toFixed(ms < 10 ? 3 : 1)} ms`;
}

export async function runRulesBench(): Promise<void> {
  const samples = listSamples().map((sample) => ({
    ...sample,
    buffer: Buffer.from(sample.xml, 'utf8'),
  }));
  // The engine is measured first, in a process that has not loaded SaxonJS and its compiled
  // stylesheets (the gateway never does): their heap made every engine run slower.
  for (let round = 0; round < 50; round += 1)
    for (const sample of samples) runEngine(sample.buffer);
  const engineTimes: number[] = [];
  const businessOnlyTimes: number[] = [];
  for (let round = 0; round < 100; round += 1) {
    for (const sample of samples) engineTimes.push(timeMs(() => runEngine(sample.buffer)));
  }
  for (let round = 0; round < 100; round += 1) {
    for (const sample of samples) {
      businessOnlyTimes.push(timeMs(() => runEngine(sample.buffer, false)));
    }
  }
  const generated = [1_000, 5_000, 20_000].map((lineCount) => {
    const xml = generateUblInvoice(lineCount);
    const buffer = Buffer.from(xml, 'utf8');
    runEngine(buffer);
    const engineMs = median([0, 1, 2].map(() => timeMs(() => runEngine(buffer))));
    return { lineCount, xml, kib: Math.round(buffer.length / 1024), engineMs };
  });
  // Adversarial shape: as many VAT breakdowns as lines, every line at its own rate. Rule 08
  // must stay linear (each breakdown used to rescan every line: 8,000 of each took 170 s).
  const adversarial = [2_000, 8_000].map((count) => {
    const buffer = Buffer.from(withOneBreakdownPerLine(generateUblInvoice(count), count), 'utf8');
    runEngine(buffer);
    return { count, engineMs: median([0, 1, 2].map(() => timeMs(() => runEngine(buffer)))) };
  });

  for (const syntax of ['ubl', 'cii'] as const satisfies readonly OfficialSyntax[]) {
    ensureOfficialSef(syntax);
  }
  for (let round = 0; round < 3; round += 1) {
    for (const sample of samples) runOfficialCen(sample.syntax, sample.xml);
  }
  const officialTimes: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    for (const sample of samples) {
      officialTimes.push(timeMs(() => runOfficialCen(sample.syntax, sample.xml)));
    }
  }

  const engineMedian = median(engineTimes);
  const officialMedian = median(officialTimes);
  console.log(`EN 16931 rules on ${String(samples.length)} shared samples (median per invoice)`);
  console.log(`  engine (parse + model + rules): ${format(engineMedian)}`);
  console.log(`  of which without syntax binding: ${format(median(businessOnlyTimes))}`);
  console.log(`  official XSLT (SaxonJS, SEF):   ${format(officialMedian)}`);
  console.log(`  ratio official / engine:        ${(officialMedian / engineMedian).toFixed(1)}x`);
  for (const { lineCount, xml, kib, engineMs } of generated) {
    let official = 'not run above 1,000 lines (it grows faster than linearly)';
    if (lineCount <= 1_000) official = format(timeMs(() => runOfficialCen('ubl', xml)));
    console.log(
      `  generated ${String(lineCount)} lines (${String(kib)} KiB): engine ${format(engineMs)}, official ${official}`,
    );
  }
  for (const { count, engineMs } of adversarial) {
    console.log(
      `  ${String(count)} lines and ${String(count)} VAT breakdowns: engine ${format(engineMs)}`,
    );
  }
  await Promise.resolve();
}

function withOneBreakdownPerLine(xml: string, count: number): string {
  let index = 0;
  const rated = xml.replace(/<cbc:Percent>20<\/cbc:Percent>/g, () => {
    const rate = (index % count) / 100;
    index += 1;
    return `<cbc:Percent>${String(rate)}</cbc:Percent>`;
  });
  const subtotals = Array.from(
    { length: count },
    (_, rate) =>
      `<cac:TaxSubtotal><cbc:TaxableAmount currencyID="EUR">1</cbc:TaxableAmount><cbc:TaxAmount currencyID="EUR">0</cbc:TaxAmount><cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>${String(rate / 100)}</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory></cac:TaxSubtotal>`,
  ).join('');
  return rated.replace('</cac:TaxTotal>', `${subtotals}</cac:TaxTotal>`);
}
