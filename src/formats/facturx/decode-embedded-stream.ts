import { constants, inflateSync } from 'node:zlib';

import { PDFArray, PDFDict, PDFName, PDFNumber } from 'pdf-lib';
import type { PDFRawStream } from 'pdf-lib';

import { issueOf } from '../../errors/index.js';
import type { ValidationIssue } from '../../errors/index.js';

export type DecodedStream =
  | { readonly ok: true; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly issue: ValidationIssue };

/**
 * Decodes an embedded file stream without trusting any declared size.
 * Input: a raw PDF stream and a byte cap. Output: the decoded bytes.
 * Codes: FACTURX_ATTACHMENT_TOO_LARGE, FACTURX_ATTACHMENT_UNREADABLE.
 *
 * Only FlateDecode (possibly chained) is decoded: it is what every Factur-X producer writes,
 * and inflating through zlib with `maxOutputLength` stops a deflate bomb at the cap, which
 * pdf-lib's decoders cannot do.
 */
export function decodeEmbeddedStream(stream: PDFRawStream, maxBytes: number): DecodedStream {
  const filters = readFilters(stream.dict);
  if (filters === undefined) {
    return unreadable('its /Filter entry is malformed');
  }
  const unsupported = filters.find((filter) => filter !== 'FlateDecode');
  if (unsupported !== undefined) {
    return unreadable(`its filter ${unsupported} is not supported (only FlateDecode)`);
  }
  if (hasPredictor(stream.dict)) {
    return unreadable('its FlateDecode predictor is not supported');
  }
  let bytes: Uint8Array = stream.getContents();
  for (let step = 0; step < filters.length; step += 1) {
    try {
      // SYNC_FLUSH tolerates a missing end-of-stream marker, which some PDF writers omit.
      bytes = inflateSync(bytes, {
        maxOutputLength: maxBytes,
        finishFlush: constants.Z_SYNC_FLUSH,
      });
    } catch (error) {
      if (isTooLarge(error)) {
        return tooLarge(maxBytes);
      }
      return unreadable(
        `inflating it failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  }
  return bytes.length > maxBytes ? tooLarge(maxBytes) : { ok: true, bytes };
}

function readFilters(dict: PDFDict): string[] | undefined {
  const filter = dict.lookup(PDFName.of('Filter'));
  if (filter === undefined) {
    return [];
  }
  if (filter instanceof PDFName) {
    return [filter.decodeText()];
  }
  if (filter instanceof PDFArray) {
    const names = filter.asArray().map((item) => dict.context.lookup(item));
    return names.every((item) => item instanceof PDFName)
      ? names.map((item) => item.decodeText())
      : undefined;
  }
  return undefined;
}

function hasPredictor(dict: PDFDict): boolean {
  const raw = dict.lookup(PDFName.of('DecodeParms'));
  const params =
    raw instanceof PDFArray ? raw.asArray().map((item) => dict.context.lookup(item)) : [raw];
  return params.some((param) => {
    if (!(param instanceof PDFDict)) {
      return false;
    }
    const predictor = param.lookup(PDFName.of('Predictor'));
    return predictor instanceof PDFNumber && predictor.asNumber() > 1;
  });
}

function isTooLarge(error: unknown): boolean {
  return (
    error instanceof RangeError && (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE'
  );
}

function unreadable(reason: string): DecodedStream {
  return {
    ok: false,
    issue: issueOf('FACTURX_ATTACHMENT_UNREADABLE', {
      message: `The embedded file cannot be decoded: ${reason}.`,
    }),
  };
}

function tooLarge(maxBytes: number): DecodedStream {
  return {
    ok: false,
    issue: issueOf('FACTURX_ATTACHMENT_TOO_LARGE', {
      message: `The embedded invoice XML is larger than ${maxBytes} bytes; it was not decoded.`,
    }),
  };
}
