import { describe, expect, it } from 'vitest';

import {
  classifyEntryName,
  normaliseEntryName,
} from '../../../../src/ingest/archive/entry-name.js';

describe('classifyEntryName', () => {
  it.each([
    ['invoices/a.xml', 'file'],
    ['a..b.xml', 'file'],
    ['invoices/', 'directory'],
    ['__MACOSX/invoices/a.xml', 'junk'],
    ['invoices/._a.xml', 'junk'],
    ['.DS_Store', 'junk'],
    ['sub/Thumbs.db', 'junk'],
    ['../a.xml', 'unsafe'],
    ['a/../../b.xml', 'unsafe'],
    ['a\\..\\b.xml', 'unsafe'],
    ['/etc/passwd', 'unsafe'],
    ['\\\\server\\share\\a.xml', 'unsafe'],
    ['C:/a.xml', 'unsafe'],
    ['a\u0000.xml', 'unsafe'],
    ['a\nb.xml', 'unsafe'],
    ['', 'unsafe'],
    ['__MACOSX/../a.xml', 'unsafe'],
  ])('classifies %j as %s', (name, verdict) => {
    expect(classifyEntryName(name)).toBe(verdict);
  });
});

describe('normaliseEntryName', () => {
  it('folds separators, "./" and Unicode forms so that look-alike duplicates are caught', () => {
    expect(normaliseEntryName('./a//b\\c.xml')).toBe('a/b/c.xml');
    expect(normaliseEntryName('e\u0301.xml')).toBe(normaliseEntryName('\u00e9.xml'));
  });
});
