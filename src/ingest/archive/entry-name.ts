/** What to do with an entry, judged from its name alone. */
export type NameVerdict = 'directory' | 'junk' | 'unsafe' | 'file';

/** Operating-system droppings that partners never mean to send; skipped without a word. */
const JUNK_BASENAMES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);
const JUNK_TOP_FOLDER = '__MACOSX';

/**
 * Classifies an entry name. Names never become paths (entries are written under generated names)
 * but a name that climbs out or is absolute shows a hostile or broken producer, so it is refused.
 */
export function classifyEntryName(name: string): NameVerdict {
  if (isUnsafe(name)) {
    return 'unsafe';
  }
  if (name.endsWith('/') || name.endsWith('\\')) {
    return 'directory';
  }
  const segments = splitSegments(name);
  const basename = segments[segments.length - 1] ?? '';
  if (
    segments[0] === JUNK_TOP_FOLDER ||
    basename.startsWith('._') ||
    JUNK_BASENAMES.has(basename)
  ) {
    return 'junk';
  }
  return 'file';
}

/** The form under which two entries count as the same file: separators and "./" folded. */
export function normaliseEntryName(name: string): string {
  return splitSegments(name)
    .filter((segment) => segment !== '.')
    .join('/')
    .normalize('NFC');
}

function isUnsafe(name: string): boolean {
  if (name === '' || hasControlCharacter(name)) {
    return true;
  }
  if (name.startsWith('/') || name.startsWith('\\') || /^[A-Za-z]:/.test(name)) {
    return true;
  }
  return splitSegments(name).includes('..');
}

function splitSegments(name: string): string[] {
  return name.split(/[/\\]/).filter((segment) => segment !== '');
}

function hasControlCharacter(name: string): boolean {
  for (let index = 0; index < name.length; index += 1) {
    const code = name.charCodeAt(index);
    if (code < 0x20 || code === 0x7f) {
      return true;
    }
  }
  return false;
}
