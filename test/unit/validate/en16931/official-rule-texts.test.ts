/**
 * The rule flags and messages come from the installed official Schematron at start-up (no
 * copied table): checked here against the artefact read by another parser (libxml2, XPath).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XmlDocument, XmlElement } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import {
  IMPLEMENTED_RULES,
  officialRuleText,
  readOfficialRuleTexts,
} from '../../../../src/validate/en16931/index.js';
import { REPO_ROOT, SHARED_SCHEMAS } from '../../../support/paths.js';

const manifest = JSON.parse(
  readFileSync(path.join(REPO_ROOT, 'schemas', 'manifest.json'), 'utf8'),
) as { ruleTexts: { ubl: string; cii: string } };

function assertsByLibxml2(file: string): Map<string, readonly [string, string]> {
  const doc = XmlDocument.fromBuffer(readFileSync(file));
  try {
    const found = new Map<string, readonly [string, string]>();
    for (const node of doc.find('//sch:assert', { sch: 'http://purl.oclc.org/dsdl/schematron' })) {
      if (!(node instanceof XmlElement)) continue;
      const id = node.attr('id')?.value ?? '';
      const message = node.content
        .replace(/\s+/g, ' ')
        .trim()
        .replace(/^\[[^\]]*\]-?\s*/, '');
      if (!found.has(id)) found.set(id, [node.attr('flag')?.value ?? 'fatal', message]);
    }
    return found;
  } finally {
    doc.dispose();
  }
}

describe.each(['ubl', 'cii'] as const)('official rule texts (%s)', (syntax) => {
  const file = path.join(SHARED_SCHEMAS, manifest.ruleTexts[syntax]);
  const artefact = assertsByLibxml2(file);

  it('are every assert of the artefact, with its flag and message', () => {
    const loaded = readOfficialRuleTexts(file);
    expect(loaded.size).toBe(artefact.size);
    expect(artefact.size).toBeGreaterThan(800);
    for (const [id, text] of artefact) expect(loaded.get(id), id).toEqual(text);
  });

  it('are what the engine reports', () => {
    for (const [id, text] of artefact) expect(officialRuleText(syntax, id), id).toEqual(text);
  });

  it('cover every rule the engine implements', () => {
    const missing = IMPLEMENTED_RULES[syntax].filter((rule) => !artefact.has(rule));
    expect(missing).toEqual([]);
  });
});
