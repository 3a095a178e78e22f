/**
 * Stage: write the acknowledgement of a settled flow.
 * Input: the acknowledgement. Output: `<name>.<flowId>.ack.xml` and `.ack.json` in the
 * supplier's `out/`, each written atomically under a fixed name (a retry rewrites the same bytes).
 */
import path from 'node:path';
import { publishFilesDurable } from '../files/index.js';
import type { Acknowledgement } from './acknowledgement.js';
import { renderAckJson } from './render-ack-json.js';
import { renderAckXml } from './render-ack-xml.js';

/**
 * The dropped file's name made safe for any file system, for the acknowledgement's name:
 * only A-Z a-z 0-9 . _ -, never hidden (leading dots) nor taken for an option by shell tools
 * (leading dashes): a leading run of dots and dashes becomes one `_`.
 */
export function ackBaseName(ack: Pick<Acknowledgement, 'fileName' | 'flowId'>): string {
  const safe = ack.fileName
    .replace(/[^A-Za-z0-9._-]/g, '_')
    .replace(/^[.-]+/, '_')
    .slice(0, 100);
  return `${safe}.${ack.flowId}.ack`;
}

export async function writeAck(outDir: string, ack: Acknowledgement): Promise<string> {
  const base = path.join(outDir, ackBaseName(ack));
  // The XML first: the JSON twin appearing tells a poller the pair is complete.
  await publishFilesDurable(outDir, [
    { file: `${base}.xml`, data: renderAckXml(ack) },
    { file: `${base}.json`, data: renderAckJson(ack) },
  ]);
  return `${base}.xml`;
}
