import type { CodeTable } from '../code-definition.js';

/** Checks on the dropped file itself, before its content is read as a document. */
export const FILE_CODES = {
  FILE_EMPTY: { layer: 'file', severity: 'fatal', message: 'The file is empty.' },
  FILE_TOO_LARGE: {
    layer: 'file',
    severity: 'fatal',
    message: 'The file is larger than the size limit; it was not read.',
  },
  FILE_NAME_INVALID: {
    layer: 'file',
    severity: 'fatal',
    message:
      'The file name has characters outside A-Z a-z 0-9 . _ - or is longer than 200 characters.',
  },
  FILE_FORMAT_UNSUPPORTED: {
    layer: 'file',
    severity: 'fatal',
    message: 'The file is neither an XML invoice nor a supported container.',
  },
  FLOW_DUPLICATE: {
    layer: 'file',
    severity: 'warning',
    message:
      'The file is identical (same SHA-256) to one this account sent before; it was not processed again and this acknowledgement repeats the result of the original (duplicateOf).',
  },
} as const satisfies CodeTable;
