import { gzipSync } from 'node:zlib';

import { describe, expect, it } from 'vitest';

import { detectArchive } from '../../../../src/ingest/archive/index.js';
import { buildZip } from '../../../support/zip-writer.js';

describe('detectArchive', () => {
  it('tells zip (including an empty one) and gzip by their magic bytes', () => {
    expect(detectArchive(buildZip([{ name: 'a.xml', data: Buffer.from('<a/>') }]))).toBe('zip');
    expect(detectArchive(buildZip([]))).toBe('zip');
    expect(detectArchive(gzipSync(Buffer.from('x')))).toBe('tar.gz');
  });

  it('returns undefined for XML, PDF, short or empty input', () => {
    expect(detectArchive(Buffer.from('<?xml version="1.0"?>'))).toBeUndefined();
    expect(detectArchive(Buffer.from('%PDF-1.7'))).toBeUndefined();
    expect(detectArchive(Buffer.from([0x50, 0x4b]))).toBeUndefined();
    expect(detectArchive(new Uint8Array())).toBeUndefined();
  });
});
