import { describe, expect, it } from 'vitest';
import { sniffContent } from '../../../src/formats/index.js';

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const BOM = [0xef, 0xbb, 0xbf];

describe('sniffContent', () => {
  it('calls nothing, whitespace only and a lone BOM empty', () => {
    expect(sniffContent(new Uint8Array(0))).toBe('empty');
    expect(sniffContent(text(' \t\r\n  \n'))).toBe('empty');
    expect(sniffContent(bytes(...BOM))).toBe('empty');
    expect(sniffContent(bytes(...BOM, 0x20, 0x0a))).toBe('empty');
  });

  it('recognises XML after a BOM and leading whitespace', () => {
    expect(sniffContent(text('<?xml version="1.0"?><a/>'))).toBe('xml');
    expect(sniffContent(text('<Invoice/>'))).toBe('xml');
    expect(sniffContent(text('\r\n\t <a/>'))).toBe('xml');
    expect(sniffContent(bytes(...BOM, ...text('<a/>')))).toBe('xml');
    expect(sniffContent(bytes(...BOM, ...text('\n  <!-- c --><a/>')))).toBe('xml');
  });

  it('recognises UTF-16 by its byte order mark', () => {
    expect(sniffContent(bytes(0xfe, 0xff, 0x00, 0x3c))).toBe('xml');
    expect(sniffContent(bytes(0xff, 0xfe, 0x3c, 0x00))).toBe('xml');
  });

  it('recognises PDF, zip (local header and empty archive) and gzip magic', () => {
    expect(sniffContent(text('%PDF-1.7\n%âãÏÓ'))).toBe('pdf');
    expect(sniffContent(bytes(0x50, 0x4b, 0x03, 0x04, 0x14, 0x00))).toBe('zip');
    expect(sniffContent(bytes(0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)))).toBe(
      'zip',
    );
    expect(sniffContent(bytes(0x1f, 0x8b, 0x08, 0x00))).toBe('gzip');
  });

  it('does not take truncated or look-alike magic for a container', () => {
    expect(sniffContent(text('%PDF'))).toBe('unknown');
    expect(sniffContent(text('%PDX-1.7'))).toBe('unknown');
    expect(sniffContent(bytes(0x50, 0x4b, 0x03))).toBe('unknown');
    expect(sniffContent(bytes(0x50, 0x4b, 0x07, 0x08))).toBe('unknown');
    expect(sniffContent(bytes(0x1f))).toBe('unknown');
    expect(sniffContent(text(' %PDF-1.7'))).toBe('unknown');
    expect(sniffContent(bytes(...BOM, ...text('%PDF-1.7')))).toBe('unknown');
  });

  it('calls text, JSON and binary noise unknown', () => {
    expect(sniffContent(text('hello <a/>'))).toBe('unknown');
    expect(sniffContent(text('{"invoice": 1}'))).toBe('unknown');
    expect(sniffContent(bytes(0x00, 0x3c))).toBe('unknown');
    expect(sniffContent(bytes(0xef, 0xbb, 0x3c))).toBe('unknown');
    expect(sniffContent(text('\u00a0<a/>'))).toBe('unknown');
  });
});
