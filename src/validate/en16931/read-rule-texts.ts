import { readFileSync } from 'node:fs';
import { SaxesParser } from 'saxes';
import type { OfficialRuleText } from './official-rule-text.js';

const SCHEMATRON_NS = 'http://purl.oclc.org/dsdl/schematron';
/** The artefact writes each message as "[BR-52]-Each Additional…": the id prefix is dropped. */
const ID_PREFIX = /^\[[^\]]*\]-?\s*/;

/**
 * Flags and messages of every assert of an official CEN Schematron (the preprocessed
 * single-file form), read with the XML parser: entities and character references are
 * resolved by saxes, whitespace is normalised as the SVRL output shows it. The first assert of
 * an id wins (the artefacts repeat none with another text).
 */
export function readOfficialRuleTexts(file: string): Map<string, OfficialRuleText> {
  const texts = new Map<string, OfficialRuleText>();
  const parser = new SaxesParser({ xmlns: true });
  let current: { id: string; flag: 'fatal' | 'warning'; text: string[] } | undefined;
  parser.on('opentag', (tag) => {
    if (tag.local !== 'assert' || tag.uri !== SCHEMATRON_NS) return;
    const id = tag.attributes.id;
    const flag = tag.attributes.flag;
    const flagValue = typeof flag === 'string' ? flag : flag?.value;
    current = {
      id: (typeof id === 'string' ? id : id?.value) ?? '',
      flag: flagValue === 'warning' ? 'warning' : 'fatal',
      text: [],
    };
  });
  const addText = (text: string): void => {
    current?.text.push(text);
  };
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.on('closetag', (tag) => {
    if (tag.local !== 'assert' || tag.uri !== SCHEMATRON_NS || current === undefined) return;
    const message = current.text.join('').replace(/\s+/g, ' ').trim().replace(ID_PREFIX, '');
    if (current.id !== '' && !texts.has(current.id)) texts.set(current.id, [current.flag, message]);
    current = undefined;
  });
  parser.write(readFileSync(file, 'utf8')).close();
  return texts;
}
