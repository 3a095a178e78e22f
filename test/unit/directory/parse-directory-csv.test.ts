import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIRECTORY_COLUMNS, parseDirectoryCsv } from '../../../src/directory/index.js';
import type { DirectoryEntry } from '../../../src/directory/index.js';
import { REPO_ROOT } from '../../support/paths.js';

const HEADER = DIRECTORY_COLUMNS.join(',');

function csv(...rows: string[]): string {
  return [HEADER, ...rows].join('\n') + '\n';
}

function entriesOf(text: string): readonly DirectoryEntry[] {
  const result = parseDirectoryCsv(text);
  if (!result.ok) throw new Error(`unexpected problems: ${result.problems.join(' | ')}`);
  return result.entries;
}

function problemsOf(text: string): readonly string[] {
  const result = parseDirectoryCsv(text);
  if (result.ok) throw new Error('expected problems, got entries');
  return result.problems;
}

describe('parseDirectoryCsv: the example file', () => {
  const example = readFileSync(path.join(REPO_ROOT, 'config', 'directory.example.csv'), 'utf8');

  it('parses into 5 entities and 5 services', () => {
    const entries = entriesOf(example);
    expect(entries).toHaveLength(5);
    expect(entries.flatMap((entry) => entry.services)).toHaveLength(5);
  });

  it('keeps flags, names and services per entity', () => {
    const entries = entriesOf(example);
    const ministry = entries.find((entry) => entry.entity.siret === '11000201100044');
    expect(ministry?.entity).toEqual({
      siret: '11000201100044',
      name: "Ministère de l'Exemple - Services centraux",
      isActive: true,
      isServiceCodeRequired: false,
      isCommitmentRequired: false,
      isServiceOrCommitmentRequired: false,
    });
    expect(ministry?.services.map((service) => [service.code, service.isActive])).toEqual([
      ['SERV-COMPTA', true],
      ['SERV-ACHATS', true],
      ['SERV-ANCIEN', false],
    ]);
    const commune = entries.find((entry) => entry.entity.siret === '21750001600019');
    expect(commune?.entity.isServiceCodeRequired).toBe(true);
    const hospital = entries.find((entry) => entry.entity.siret === '26750045200011');
    expect(hospital?.entity.isCommitmentRequired).toBe(true);
    expect(hospital?.services).toEqual([]);
    const closed = entries.find((entry) => entry.entity.siret === '18000000000017');
    expect(closed?.entity.isActive).toBe(false);
  });
});

describe('parseDirectoryCsv: problems', () => {
  it('lists every problem at once, each with its line number', () => {
    const problems = problemsOf(
      csv(
        '1234,Too short,1,0,0,0,,,',
        '11000201100044,Ministère,maybe,0,0,0,S1,Service,1',
        '11000201100044,Ministère,1,0,0,0,S2,Service,1',
        '11000201100044,Autre nom,1,0,0,0,S3,Service,1',
        '21750001600019,Commune,1,0,0,0,S1,Finances,1',
        '21750001600019,Commune,1,0,0,0,S1,Finances bis,1',
        '26750045200011,Hôpital,1,0,0,0,S9,Service,peut-être',
      ),
    );
    expect(problems).toEqual([
      'line 2: siret must be exactly 14 digits, got "1234"',
      'line 3: active must be 1/0, true/false, yes/no or oui/non, got "maybe"',
      'line 4: entity 11000201100044 has different values than on an earlier line',
      'line 5: entity 11000201100044 has different values than on an earlier line',
      'line 7: service S1 of 21750001600019 is listed twice',
      'line 8: service_active must be 1/0, true/false, yes/no or oui/non, got "peut-être"',
    ]);
  });

  it.each([
    '',
    '1234567890123',
    '123456789012345',
    '1100020110004A',
    ' 1100020110004',
    '١١٠٠٠٢٠١١٠٠٠٤٤',
  ])('refuses the SIRET %j', (siret) => {
    const problems = problemsOf(csv(`${siret},X,1,0,0,0,,,`));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^line 2: siret must be exactly 14 digits/);
  });

  it('reports a bad word in every flag column', () => {
    const problems = problemsOf(csv('11000201100044,X,2,vrai,-1,si,S,Service,x'));
    expect(problems.map((problem) => problem.split(' must ')[0])).toEqual([
      'line 2: active',
      'line 2: service_code_required',
      'line 2: commitment_required',
      'line 2: service_or_commitment_required',
      'line 2: service_active',
    ]);
  });

  it('reports an empty name and an over-long service code', () => {
    const problems = problemsOf(csv(`11000201100044,,1,0,0,0,${'S'.repeat(101)},Service,1`));
    expect(problems).toEqual([
      'line 2: name is empty',
      'line 2: service_code is over 100 characters',
    ]);
  });

  it('lists every missing header column', () => {
    const problems = problemsOf('siret,name,active\n11000201100044,X,1\n');
    expect(problems).toEqual(
      DIRECTORY_COLUMNS.slice(3).map((column) => `header: missing column "${column}"`),
    );
  });

  it('reports an empty file and a broken CSV without throwing', () => {
    expect(problemsOf('')).toEqual(['the file is empty']);
    expect(problemsOf('\n\n')).toEqual(['the file is empty']);
    const ragged = problemsOf(`${HEADER}\n11000201100044,X,1\n`);
    expect(ragged).toHaveLength(1);
    expect(ragged[0]).toMatch(/^not a valid CSV file: /);
    const unclosed = problemsOf(`${HEADER}\n"11000201100044,X,1,0,0,0,,,\n`);
    expect(unclosed[0]).toMatch(/^not a valid CSV file: /);
  });

  // BUG: line numbers are computed as row index + 2, but csv-parse skips empty lines
  // (skip_empty_lines), so a blank line before a bad row shifts every later number:
  // parseDirectoryCsv(`${HEADER}\n\n1234,X,1,0,0,0,,,\n`) reports "line 2" for a row on line 3.
  it('numbers lines as in the file, even after a blank line', () => {
    const problems = problemsOf(`${HEADER}\n11000201100044,X,1,0,0,0,,,\n\n1234,Y,1,0,0,0,,,\n`);
    expect(problems).toEqual(['line 4: siret must be exactly 14 digits, got "1234"']);
  });
});

describe('parseDirectoryCsv: accepted input', () => {
  it('skips a UTF-8 byte order mark', () => {
    const entries = entriesOf(`\uFEFF${csv('11000201100044,X,1,0,0,0,,,')}`);
    expect(entries.map((entry) => entry.entity.siret)).toEqual(['11000201100044']);
  });

  it.each([
    ['1', '0'],
    ['true', 'false'],
    ['TRUE', 'False'],
    ['oui', 'non'],
    ['OUI', 'Non'],
    ['yes', 'no'],
    ['y', 'n'],
    ['o', 'n'],
    [' 1 ', ''],
  ])('reads %j as true and %j as false', (yes, no) => {
    const [entry] = entriesOf(csv(`11000201100044,X,${yes},${no},${yes},${no},S,Service,${no}`));
    expect(entry?.entity).toMatchObject({
      isActive: true,
      isServiceCodeRequired: false,
      isCommitmentRequired: true,
      isServiceOrCommitmentRequired: false,
    });
    expect(entry?.services[0]?.isActive).toBe(false);
  });

  it('takes the columns in any order, with header case and spaces ignored', () => {
    const header = [...DIRECTORY_COLUMNS].reverse().map((column) => ` ${column.toUpperCase()} `);
    const entries = entriesOf(
      `${header.join(',')}\r\n1,Service A,SA,0,0,1,1,"Entité, avec virgule",11000201100044\r\n`,
    );
    expect(entries).toEqual([
      {
        entity: {
          siret: '11000201100044',
          name: 'Entité, avec virgule',
          isActive: true,
          isServiceCodeRequired: true,
          isCommitmentRequired: false,
          isServiceOrCommitmentRequired: false,
        },
        services: [{ siret: '11000201100044', code: 'SA', name: 'Service A', isActive: true }],
      },
    ]);
  });

  it('gives an entity without service rows an empty service list', () => {
    const [entry] = entriesOf(csv('11000201100044,X,1,0,0,0,,,'));
    expect(entry?.services).toEqual([]);
  });

  it('accepts a header-only file as an empty directory', () => {
    expect(entriesOf(`${HEADER}\n`)).toEqual([]);
  });
});
