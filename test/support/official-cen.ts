/**
 * Differential oracle: runs the official CEN EN 16931 XSLT (1.3.16) under SaxonJS and
 * returns the failed asserts as (rule id, flag) pairs. Test and bench only, never runtime.
 *
 * Compiling an official XSLT to SEF takes about 20 s, so the SEF is cached under
 * node_modules/.cache/passerelle-sef/, keyed by the SHA-256 of the XSLT file.
 */
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { REPO_ROOT, SHARED_SCHEMAS } from './paths.js';

export type OfficialSyntax = 'ubl' | 'cii';
export type OfficialFlag = 'fatal' | 'warning';

export interface OfficialFailure {
  readonly rule: string;
  readonly flag: OfficialFlag;
  readonly location: string;
}

export type OfficialResult =
  | { readonly ok: true; readonly failures: readonly OfficialFailure[] }
  | { readonly ok: false; readonly error: string };

interface SaxonTransformResult {
  readonly principalResult: string;
}

interface SaxonApi {
  transform(
    options: {
      stylesheetInternal: unknown;
      sourceText: string;
      destination: 'serialized';
    },
    mode: 'sync',
  ): SaxonTransformResult;
}

const require = createRequire(import.meta.url);
const CEN_ROOT = join(SHARED_SCHEMAS, 'en16931-cen-1.3.16');
const CACHE_DIR = join(REPO_ROOT, 'node_modules', '.cache', 'passerelle-sef');

const XSLT_PATHS: Readonly<Record<OfficialSyntax, string>> = {
  ubl: join(CEN_ROOT, 'ubl', 'xslt', 'EN16931-UBL-validation.xslt'),
  cii: join(CEN_ROOT, 'cii', 'xslt', 'EN16931-CII-validation.xslt'),
};

const loadedSefs = new Map<OfficialSyntax, unknown>();
let saxon: SaxonApi | undefined;

function loadSaxon(): SaxonApi {
  saxon ??= require('saxon-js') as SaxonApi;
  return saxon;
}

/** Path of the cached SEF for a syntax, compiling it first when the cache is cold. */
export function ensureOfficialSef(syntax: OfficialSyntax): string {
  const xsltPath = XSLT_PATHS[syntax];
  const hash = createHash('sha256').update(readFileSync(xsltPath)).digest('hex').slice(0, 16);
  const sefPath = join(CACHE_DIR, `${syntax}-${hash}.sef.json`);
  if (existsSync(sefPath)) return sefPath;
  mkdirSync(CACHE_DIR, { recursive: true });
  // Test workers may compile concurrently: each writes its own file, the rename is atomic.
  const partial = `${sefPath}.${String(process.pid)}.partial.json`;
  const cli = require.resolve('xslt3');
  execFileSync(process.execPath, [cli, `-xsl:${xsltPath}`, `-export:${partial}`, '-nogo'], {
    stdio: 'pipe',
  });
  renameSync(partial, sefPath);
  return sefPath;
}

function loadSef(syntax: OfficialSyntax): unknown {
  let sef = loadedSefs.get(syntax);
  if (sef === undefined) {
    sef = JSON.parse(readFileSync(ensureOfficialSef(syntax), 'utf8')) as unknown;
    loadedSefs.set(syntax, sef);
  }
  return sef;
}

/** Detects the syntax from the root element name; undefined for anything else. */
export function detectOfficialSyntax(xml: string): OfficialSyntax | undefined {
  const root = /<(?:[\w.-]+:)?(Invoice|CreditNote|CrossIndustryInvoice)[\s>/]/.exec(
    xml.replace(/<\?[^]*?\?>|<!--[^]*?-->/g, ''),
  );
  if (root === null) return undefined;
  return root[1] === 'CrossIndustryInvoice' ? 'cii' : 'ubl';
}

const FAILED_ASSERT = /<svrl:failed-assert\b([^>]*)>/g;

function readAttribute(attributes: string, name: string): string | undefined {
  return new RegExp(`\\b${name}="([^"]*)"`).exec(attributes)?.[1];
}

/** Extracts the failed asserts of an SVRL report. */
export function parseSvrlFailures(svrl: string): OfficialFailure[] {
  const failures: OfficialFailure[] = [];
  for (const match of svrl.matchAll(FAILED_ASSERT)) {
    const attributes = match[1] ?? '';
    const rule = readAttribute(attributes, 'id');
    const flag = readAttribute(attributes, 'flag');
    if (rule === undefined) continue;
    failures.push({
      rule,
      flag: flag === 'warning' ? 'warning' : 'fatal',
      location: readAttribute(attributes, 'location') ?? '',
    });
  }
  return failures;
}

/** Runs the official XSLT of `syntax` on a document; dynamic XPath errors come back as values. */
export function runOfficialCen(syntax: OfficialSyntax, xml: string): OfficialResult {
  const stylesheetInternal = loadSef(syntax);
  try {
    const result = loadSaxon().transform(
      { stylesheetInternal, sourceText: xml, destination: 'serialized' },
      'sync',
    );
    return { ok: true, failures: parseSvrlFailures(result.principalResult) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

/** `rule|flag` keys of a list of failures, for set comparison. */
export function toRuleKeys(
  failures: readonly { readonly rule: string; readonly flag: string }[],
): Set<string> {
  return new Set(failures.map((failure) => `${failure.rule}|${failure.flag}`));
}
