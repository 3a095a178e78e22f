import { describe, expect, it } from 'vitest';
import { escapeXmlAttribute, escapeXmlText, xmlElement } from '../../../src/status/escape-xml.js';

describe('XML escaping', () => {
  it('escapes markup in text and attributes', () => {
    expect(escapeXmlText('a < b && c > d')).toBe('a &lt; b &amp;&amp; c &gt; d');
    expect(escapeXmlAttribute('say "hi"\tnow\n')).toBe('say &quot;hi&quot;&#9;now&#10;');
    expect(xmlElement('R', 'x', { code: 'A&B', skipped: undefined })).toBe(
      '<R code="A&amp;B">x</R>',
    );
  });

  it('replaces characters XML cannot carry and keeps valid astral characters', () => {
    expect(escapeXmlText('a\u0000b\u001Fc\uFFFEd')).toBe('a\uFFFDb\uFFFDc\uFFFDd');
    expect(escapeXmlText('lone \uD800 surrogate')).toBe('lone \uFFFD surrogate');
    expect(escapeXmlText('emoji 😀 ok')).toBe('emoji 😀 ok');
    expect(escapeXmlText('tab\tand\nnewline')).toBe('tab\tand\nnewline');
  });
});
