export { checkProlog } from './check-prolog.js';
export type { UntrustedXmlResult } from './read-untrusted-xml.js';
export { readUntrustedXml } from './read-untrusted-xml.js';
export {
  escapeXmlAttribute,
  escapeXmlText,
  xmlElement,
  xmlEmptyElement,
  xmlStartTag,
} from './xml-writer.js';
