import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AccountRole } from '../../../src/accounts/index.js';
import {
  FOLDER_RIGHTS,
  isTransientName,
  realPathOf,
  resolveHomePath,
  type HomePath,
} from '../../../src/sftp/home-paths.js';

const HOME = '/srv/passerelle/homes/acme';
const ROLES: readonly AccountRole[] = ['supplier', 'entity'];
const FOLDERS: Readonly<Record<AccountRole, readonly string[]>> = {
  supplier: ['in', 'out'],
  entity: ['inbox', 'in', 'out'],
};

function kindOf(role: AccountRole, clientPath: string): HomePath['kind'] {
  return resolveHomePath(role, clientPath).kind;
}

describe('resolveHomePath: root', () => {
  it.each(ROLES)('maps every spelling of the root to the root for %s', (role) => {
    for (const clientPath of [
      '',
      '/',
      '.',
      './',
      '//',
      '/./',
      '/..',
      '..',
      '../..',
      '\\',
      '/.//.',
    ]) {
      expect(resolveHomePath(role, clientPath), clientPath).toEqual({
        kind: 'root',
        virtual: '/',
      });
    }
  });
});

describe('resolveHomePath: supplier', () => {
  it('resolves in/ and out/ as folders with their rights', () => {
    expect(resolveHomePath('supplier', 'in')).toEqual({
      kind: 'folder',
      virtual: '/in',
      folder: 'in',
      rights: { canUpload: true, canRead: false, canRemove: false },
    });
    expect(resolveHomePath('supplier', '/out/')).toMatchObject({
      kind: 'folder',
      folder: 'out',
      rights: { canUpload: false, canRead: true, canRemove: true },
    });
  });

  it('resolves a file directly in a folder, relative or absolute', () => {
    for (const clientPath of ['in/invoice.xml', '/in/invoice.xml', './in/./invoice.xml']) {
      expect(resolveHomePath('supplier', clientPath), clientPath).toEqual({
        kind: 'file',
        virtual: '/in/invoice.xml',
        folder: 'in',
        name: 'invoice.xml',
        rights: FOLDER_RIGHTS.supplier.in,
      });
    }
  });

  it('does not know the entity folders', () => {
    expect(kindOf('supplier', 'inbox')).toBe('outside');
    expect(kindOf('supplier', '/inbox/a.xml')).toBe('outside');
  });
});

describe('resolveHomePath: entity', () => {
  it('resolves inbox/ and out/ with read and remove rights only', () => {
    expect(resolveHomePath('entity', 'inbox')).toMatchObject({
      kind: 'folder',
      folder: 'inbox',
      rights: { canUpload: false, canRead: true, canRemove: true },
    });
    expect(resolveHomePath('entity', '/out/status.xml')).toMatchObject({
      kind: 'file',
      folder: 'out',
      name: 'status.xml',
      rights: { canUpload: false, canRead: true, canRemove: true },
    });
  });

  it('has an in/ folder of its own, for status update files', () => {
    expect(kindOf('entity', 'in')).toBe('folder');
    expect(kindOf('entity', 'in/a.xml')).toBe('file');
  });
});

describe('resolveHomePath: hostile paths', () => {
  it('never climbs above the virtual root with ..', () => {
    expect(resolveHomePath('supplier', '/../../etc/passwd')).toEqual({
      kind: 'outside',
      virtual: '/etc/passwd',
    });
    expect(resolveHomePath('supplier', 'in/../../x')).toEqual({ kind: 'outside', virtual: '/x' });
    expect(resolveHomePath('supplier', '../../../in/a.xml')).toMatchObject({
      kind: 'file',
      virtual: '/in/a.xml',
      folder: 'in',
      name: 'a.xml',
    });
    expect(resolveHomePath('supplier', 'in/../out/ack.xml')).toMatchObject({
      kind: 'file',
      folder: 'out',
      name: 'ack.xml',
    });
  });

  it('treats backslashes as separators, so ..\\..\\x cannot climb either', () => {
    expect(resolveHomePath('supplier', '..\\..\\x')).toEqual({ kind: 'outside', virtual: '/x' });
    expect(resolveHomePath('supplier', 'in\\..\\..\\etc\\passwd')).toEqual({
      kind: 'outside',
      virtual: '/etc/passwd',
    });
    expect(resolveHomePath('supplier', 'in\\a.xml')).toMatchObject({
      kind: 'file',
      folder: 'in',
      name: 'a.xml',
    });
  });

  it('reads absolute paths inside the home, never on the host', () => {
    expect(kindOf('supplier', '/etc/passwd')).toBe('outside');
    expect(kindOf('supplier', '/srv/passerelle/homes/acme/in/a.xml')).toBe('outside');
    expect(kindOf('entity', 'C:\\Windows\\win.ini')).toBe('outside');
  });

  it('refuses unknown folders and files at the root', () => {
    for (const clientPath of ['archive', '/tmp', 'invoice.xml', 'IN', 'Out', 'in.', ' in']) {
      expect(kindOf('supplier', clientPath), clientPath).toBe('outside');
    }
  });

  it('refuses sub-folders: only files directly in a folder exist', () => {
    for (const clientPath of ['in/sub/a.xml', '/out/a/b', 'in/a/b/', 'in/a/b/c/d']) {
      expect(kindOf('supplier', clientPath), clientPath).toBe('outside');
    }
    expect(kindOf('entity', 'inbox/2026/a.xml')).toBe('outside');
  });

  it('refuses NUL bytes in folder and file names', () => {
    expect(kindOf('supplier', 'in/a.xml\0')).toBe('outside');
    expect(kindOf('supplier', 'in/\0')).toBe('outside');
    expect(kindOf('supplier', 'in\0')).toBe('outside');
    expect(kindOf('supplier', 'in\0/a.xml')).toBe('outside');
  });

  it('ignores . segments and trailing slashes', () => {
    expect(resolveHomePath('supplier', 'in/.')).toMatchObject({ kind: 'folder', folder: 'in' });
    expect(resolveHomePath('supplier', 'in//')).toMatchObject({ kind: 'folder', folder: 'in' });
    expect(resolveHomePath('supplier', '/./in/./a.xml/')).toMatchObject({
      kind: 'file',
      folder: 'in',
      name: 'a.xml',
    });
  });

  // BUG: FOLDER_RIGHTS[role][folder] is a plain object lookup, so inherited Object.prototype
  // members are taken for folders: resolveHomePath('supplier', 'constructor') returns
  // { kind: 'folder', folder: 'constructor', rights: Object } and 'toString/x' a file,
  // whose rights object has no canUpload/canRead/canRemove (undefined, not false).
  it('does not take Object.prototype members for folders', () => {
    for (const folder of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      for (const role of ROLES) {
        expect(kindOf(role, folder), `${role} ${folder}`).toBe('outside');
        expect(kindOf(role, `${folder}/a.xml`), `${role} ${folder}/a.xml`).toBe('outside');
      }
    }
  });
});

describe('FOLDER_RIGHTS', () => {
  it('lets a supplier upload only in in/ and read or remove only in out/', () => {
    expect(FOLDER_RIGHTS.supplier).toEqual({
      in: { canUpload: true, canRead: false, canRemove: false },
      out: { canUpload: false, canRead: true, canRemove: true },
    });
  });

  it('lets an entity upload only status files in in/, and read or remove in inbox/ and out/', () => {
    expect(FOLDER_RIGHTS.entity).toEqual({
      inbox: { canUpload: false, canRead: true, canRemove: true },
      in: { canUpload: true, canRead: false, canRemove: false },
      out: { canUpload: false, canRead: true, canRemove: true },
    });
  });

  it('gives files the rights of their folder', () => {
    for (const role of ROLES) {
      for (const folder of FOLDERS[role]) {
        const resolved = resolveHomePath(role, `${folder}/x.xml`);
        expect(resolved.kind).toBe('file');
        if (resolved.kind === 'file') expect(resolved.rights).toBe(FOLDER_RIGHTS[role][folder]);
      }
    }
  });
});

describe('isTransientName', () => {
  it.each(['a.xml.part', 'a.filepart', 'a.tmp', 'a.partial', '.hidden', '.a.xml.123.tmp', '.'])(
    'treats %s as transient',
    (name) => {
      expect(isTransientName(name)).toBe(true);
    },
  );

  it.each(['a.xml', 'a.part.xml', 'tmp', 'partial.zip', 'a.PDF', 'a.xml.bak'])(
    'treats %s as a complete file',
    (name) => {
      expect(isTransientName(name)).toBe(false);
    },
  );
});

function checkInvariants(role: AccountRole, input: string): void {
  const resolved = resolveHomePath(role, input);
  if (resolved.kind === 'outside') {
    expect(() => realPathOf(HOME, resolved)).toThrow();
    return;
  }
  expect(resolved.virtual.startsWith('/')).toBe(true);
  if (resolved.kind !== 'root') expect(FOLDERS[role]).toContain(resolved.folder);
  if (resolved.kind === 'file') {
    expect(resolved.name).not.toMatch(/[/\\\0]/);
    expect(['', '.', '..']).not.toContain(resolved.name);
  }
  const real = realPathOf(HOME, resolved);
  expect(real === HOME || real.startsWith(`${HOME}/`)).toBe(true);
  expect(path.relative(HOME, real).split(path.sep)).not.toContain('..');
}

describe('resolveHomePath: properties', () => {
  const segment = fc.oneof(
    fc.constantFrom('in', 'out', 'inbox', '..', '.', '', 'etc', 'a.xml', '\0', '\\', '..\\'),
    fc.string({ maxLength: 6 }),
  );
  const clientPath = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc
      .tuple(fc.boolean(), fc.array(segment, { maxLength: 6 }), fc.constantFrom('/', '\\'))
      .map(
        ([isAbsolute, parts, separator]) => (isAbsolute ? separator : '') + parts.join(separator),
      ),
  );

  // BUG: same inherited-member lookup as above; fast-check finds 'valueOf' and friends.
  it('never yields a folder or file outside the role folders (any string)', () => {
    fc.assert(fc.property(fc.constantFrom(...ROLES), clientPath, checkInvariants), {
      numRuns: 2000,
    });
  });

  it('stays inside the role folders and the home (other strings)', () => {
    const isPrototypeMember = (input: string): boolean =>
      input
        .replaceAll('\\', '/')
        .split('/')
        .some((part) => part in Object.prototype);
    fc.assert(
      fc.property(fc.constantFrom(...ROLES), clientPath, (role, input) => {
        fc.pre(!isPrototypeMember(input));
        checkInvariants(role, input);
      }),
      { numRuns: 2000 },
    );
  });
});
