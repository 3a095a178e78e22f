import { readFileSync } from 'node:fs';
import { SchemaCatalog, validateDocument, type ValidationLayer } from '../../src/validate/index.js';
import { frenchify } from '../support/frenchify.js';
import { listSamples, SHARED_SCHEMAS } from '../support/paths.js';
import { formatMs, median } from './stats.js';

/** Median time of the whole document check (prolog, parse, layers, routing keys) per shared sample. */
export function runXsdBench(rounds: number): void {
  const schemas = new SchemaCatalog(SHARED_SCHEMAS);
  schemas.preload();
  const documents = [...listSamples('ubl'), ...listSamples('cii')].map((file) =>
    frenchify(readFileSync(file), { siret: '11000201100044' }),
  );
  const cases: [string, ValidationLayer[]][] = [
    ['well-formedness + XSD', ['xsd']],
    ['well-formedness + XSD + EN 16931 rules (syntax binding included)', ['xsd', 'en16931']],
    ['every layer: XSD + EN 16931 + French rules + routing keys', ['xsd', 'en16931', 'fr']],
  ];
  for (const [label, layers] of cases) {
    for (const document of documents) validateDocument(document, { schemas, layers });
    const perDocument: number[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const document of documents) {
        const start = performance.now();
        validateDocument(document, { schemas, layers });
        perDocument.push(performance.now() - start);
      }
    }
    const middle = median(perDocument);
    console.log(`validate (${label}): ${documents.length} samples × ${rounds} rounds`);
    console.log(
      `  median ${formatMs(middle)} per document (${(1000 / middle).toFixed(0)} documents/s, one core)`,
    );
  }
  schemas.dispose();
}
