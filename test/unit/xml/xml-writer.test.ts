import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { escapeXmlAttribute, escapeXmlText, xmlElement } from '../../../src/xml/index.js';
import { REPO_ROOT } from '../../support/paths.js';

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

describe('one XML writer', () => {
  it('is the only place that escapes XML (acknowledgements and status files alike)', () => {
    const escaping: string[] = [];
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(full);
        else if (entry.name.endsWith('.ts') && readFileSync(full, 'utf8').includes("'&amp;'"))
          escaping.push(path.relative(REPO_ROOT, full));
      }
    };
    walk(path.join(REPO_ROOT, 'src'));
    // The console's pages escape HTML, a different set (quotes, apostrophes, backticks).
    expect(escaping).toEqual(['src/http/console/html.ts', 'src/xml/xml-writer.ts']);
  });
});
