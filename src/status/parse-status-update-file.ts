import { parseStatusUpdateCsv } from './parse-status-update-csv.js';
import { parseStatusUpdateXml } from './parse-status-update-xml.js';
import type { StatusUpdateFileResult } from './status-update.js';

export type StatusUpdateFormat = 'xml' | 'csv';

/**
 * XML when the first character after an optional BOM and blanks is `<`, CSV otherwise. The
 * content decides, not the file name: partners' tools get extensions wrong.
 */
export function detectStatusUpdateFormat(source: Uint8Array | string): StatusUpdateFormat {
  const head =
    typeof source === 'string'
      ? source.slice(0, 64)
      : Buffer.from(source.buffer, source.byteOffset, Math.min(source.byteLength, 64)).toString(
          'utf8',
        );
  return head
    .replace(/^\uFEFF/, '')
    .trimStart()
    .startsWith('<')
    ? 'xml'
    : 'csv';
}

/** Reads a status update file of either format. */
export function parseStatusUpdateFile(source: Uint8Array | string): {
  readonly format: StatusUpdateFormat;
  readonly result: StatusUpdateFileResult;
} {
  const format = detectStatusUpdateFormat(source);
  return {
    format,
    result: format === 'xml' ? parseStatusUpdateXml(source) : parseStatusUpdateCsv(source),
  };
}
