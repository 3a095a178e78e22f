import { sniffContent } from '../formats/index.js';
import {
  validateDocument,
  type DocumentReport,
  type ValidateOptions,
} from './validate-document.js';
import { validateFacturX, type FacturXPolicy } from './validate-facturx.js';

export type ValidateFileOptions = ValidateOptions & { readonly facturx?: FacturXPolicy };

/** Validates one invoice file, XML or Factur-X PDF, whichever its content says it is. */
export async function validateFile(
  bytes: Uint8Array,
  options: ValidateFileOptions,
): Promise<DocumentReport> {
  if (sniffContent(bytes.subarray(0, 1024)) === 'pdf') return validateFacturX(bytes, options);
  return validateDocument(bytes, options);
}
