import { parse } from 'csv-parse/sync';
import type { DirectoryEntry, EntityService, PublicEntity } from './public-entity.js';

/** Columns of the directory CSV, in any order; one row per service (see docs/directory.md). */
export const DIRECTORY_COLUMNS = [
  'siret',
  'name',
  'active',
  'service_code_required',
  'commitment_required',
  'service_or_commitment_required',
  'service_code',
  'service_name',
  'service_active',
] as const;

export type DirectoryParseResult =
  | { readonly ok: true; readonly entries: readonly DirectoryEntry[] }
  | { readonly ok: false; readonly problems: readonly string[] };

const TRUE_WORDS = new Set(['1', 'true', 'yes', 'oui', 'y', 'o']);
const FALSE_WORDS = new Set(['0', 'false', 'no', 'non', 'n', '']);

function parseFlag(value: string, column: string, line: number, problems: string[]): boolean {
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  problems.push(
    `line ${line}: ${column} must be 1/0, true/false, yes/no or oui/non, got "${value}"`,
  );
  return false;
}

function sameEntity(a: PublicEntity, b: PublicEntity): boolean {
  return (
    a.name === b.name &&
    a.isActive === b.isActive &&
    a.isServiceCodeRequired === b.isServiceCodeRequired &&
    a.isCommitmentRequired === b.isCommitmentRequired &&
    a.isServiceOrCommitmentRequired === b.isServiceOrCommitmentRequired
  );
}

/** Parses and checks a whole directory file; lists every problem with its line number. */
export function parseDirectoryCsv(text: string): DirectoryParseResult {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      skip_empty_lines: true,
      relax_column_count: false,
      trim: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    return { ok: false, problems: [`not a valid CSV file: ${(error as Error).message}`] };
  }
  // csv-parse counts the line where a record ends; a quoted value may span several lines.
  const lineOf = (entry: { record: string[]; info: { lines: number } }): number =>
    entry.info.lines - entry.record.join('').split('\n').length + 1;
  const [headerRecord, ...body] = records;
  const header = headerRecord?.record;
  if (!header) return { ok: false, problems: ['the file is empty'] };
  const problems: string[] = [];
  const index = new Map(header.map((name, position) => [name.trim().toLowerCase(), position]));
  for (const column of DIRECTORY_COLUMNS) {
    if (!index.has(column)) problems.push(`header: missing column "${column}"`);
  }
  if (problems.length > 0) return { ok: false, problems };
  const cell = (row: string[], column: (typeof DIRECTORY_COLUMNS)[number]): string =>
    row[index.get(column) ?? -1] ?? '';

  const entities = new Map<string, PublicEntity>();
  const services = new Map<string, Map<string, EntityService>>();
  body.forEach((entry) => {
    const row = entry.record;
    const line = lineOf(entry);
    const siret = cell(row, 'siret');
    if (!/^\d{14}$/.test(siret)) {
      problems.push(`line ${line}: siret must be exactly 14 digits, got "${siret}"`);
      return;
    }
    const name = cell(row, 'name');
    if (name === '') problems.push(`line ${line}: name is empty`);
    const entity: PublicEntity = {
      siret,
      name,
      isActive: parseFlag(cell(row, 'active'), 'active', line, problems),
      isServiceCodeRequired: parseFlag(
        cell(row, 'service_code_required'),
        'service_code_required',
        line,
        problems,
      ),
      isCommitmentRequired: parseFlag(
        cell(row, 'commitment_required'),
        'commitment_required',
        line,
        problems,
      ),
      isServiceOrCommitmentRequired: parseFlag(
        cell(row, 'service_or_commitment_required'),
        'service_or_commitment_required',
        line,
        problems,
      ),
    };
    const known = entities.get(siret);
    if (known && !sameEntity(known, entity)) {
      problems.push(`line ${line}: entity ${siret} has different values than on an earlier line`);
    }
    entities.set(siret, known ?? entity);
    const code = cell(row, 'service_code');
    if (code === '') return;
    if (code.length > 100) problems.push(`line ${line}: service_code is over 100 characters`);
    const own = services.get(siret) ?? new Map<string, EntityService>();
    if (own.has(code)) problems.push(`line ${line}: service ${code} of ${siret} is listed twice`);
    own.set(code, {
      siret,
      code,
      name: cell(row, 'service_name'),
      isActive: parseFlag(cell(row, 'service_active'), 'service_active', line, problems),
    });
    services.set(siret, own);
  });
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    entries: [...entities.values()].map((entity) => ({
      entity,
      services: [...(services.get(entity.siret)?.values() ?? [])],
    })),
  };
}
