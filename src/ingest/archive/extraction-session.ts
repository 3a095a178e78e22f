import { rm } from 'node:fs/promises';
import path from 'node:path';

import { issueOf } from '../../errors/index.js';
import type { ValidationIssue } from '../../errors/index.js';
import type { ArchiveEntryResult, ArchiveExtraction } from './archive-extraction.js';
import type { ArchiveLimits } from './archive-limits.js';
import { normaliseEntryName } from './entry-name.js';

/**
 * The running tally of one extraction: counts, bytes inflated, entries reported and files
 * written. The first archive-level problem is kept as `breach`; once it is set the extractors
 * stop and `finish` removes every file written so far.
 */
export class ExtractionSession {
  readonly limits: ArchiveLimits;
  private readonly destDir: string;
  private readonly entries: ArchiveEntryResult[] = [];
  /** Normalised entry name → indexes of the file entries with that name. */
  private readonly seenNames = new Map<string, number[]>();
  /** Normalised names of the link entries (symbolic or hard). */
  private readonly linkNames = new Set<string>();
  private readonly writtenPaths: string[] = [];
  /** Files written for entries refused afterwards (a later duplicate or link); removed at the end. */
  private readonly discardedPaths: string[] = [];
  private records = 0;
  private files = 0;
  private inflatedBytes = 0;
  private declaredBytes = 0;
  private breachIssue: ValidationIssue | undefined;

  constructor(destDir: string, limits: ArchiveLimits) {
    this.destDir = destDir;
    this.limits = limits;
  }

  get breach(): ValidationIssue | undefined {
    return this.breachIssue;
  }

  /** Records an archive-level problem; the first one wins. */
  fail(issue: ValidationIssue): ValidationIssue {
    this.breachIssue ??= issue;
    return this.breachIssue;
  }

  /** Counts any record (directory and junk included); false once maxRecords is passed. */
  countRecord(): boolean {
    this.records += 1;
    if (this.records > this.limits.maxRecords) {
      this.failTooMany(`more than ${this.limits.maxRecords} records`);
      return false;
    }
    return true;
  }

  /** Counts a file entry and gives its index, or undefined once maxEntries is passed. */
  beginFile(): number | undefined {
    this.files += 1;
    if (this.files > this.limits.maxEntries) {
      this.failTooMany(`more than ${this.limits.maxEntries} files`);
      return undefined;
    }
    return this.files;
  }

  /**
   * True when an earlier entry had the same name. The supplier's intent is then ambiguous:
   * the earlier entries of that name are refused too, even if already written.
   */
  isDuplicateName(name: string, index: number): boolean {
    const key = normaliseEntryName(name);
    const earlier = this.seenNames.get(key);
    if (earlier === undefined) {
      this.seenNames.set(key, [index]);
      return false;
    }
    earlier.push(index);
    for (const first of earlier)
      this.refuseAfterwards(first, issueOf('ARCHIVE_ENTRY_DUPLICATE_NAME'));
    return true;
  }

  /**
   * Records a link entry; entries whose path passes through it, before or after, are refused
   * (ARCHIVE_ENTRY_THROUGH_LINK): nothing is extracted along links, but such an archive is a
   * path-escape attempt.
   */
  noteLink(name: string): void {
    const key = normaliseEntryName(name);
    this.linkNames.add(key);
    for (const [other, indexes] of this.seenNames) {
      if (other.startsWith(`${key}/`)) {
        for (const index of indexes) this.refuseAfterwards(index, throughLink(key));
      }
    }
  }

  /** The link entry the name passes through (a proper prefix of its path), if any. */
  linkOnPathOf(name: string): ValidationIssue | undefined {
    const segments = normaliseEntryName(name).split('/');
    for (let length = 1; length < segments.length; length += 1) {
      const prefix = segments.slice(0, length).join('/');
      if (this.linkNames.has(prefix)) return throughLink(prefix);
    }
    return undefined;
  }

  /** Turns an entry already reported as accepted into a refusal; its file is removed at the end. */
  private refuseAfterwards(index: number, issue: ValidationIssue): void {
    const position = this.entries.findIndex((entry) => entry.index === index);
    const entry = this.entries[position];
    if (entry === undefined || entry.path === undefined) return;
    this.discardedPaths.push(entry.path);
    this.entries[position] = { index, name: entry.name, size: entry.size, issues: [issue] };
  }

  /** Adds a declared size to the total; a lie can only make us stricter, never laxer. */
  addDeclaredBytes(bytes: number): ValidationIssue | undefined {
    this.declaredBytes += bytes;
    return this.declaredBytes > this.limits.maxTotalBytes ? this.failTotal() : undefined;
  }

  /** Adds inflated bytes to the total; returns the breach when maxTotalBytes is passed. */
  addInflatedBytes(bytes: number): ValidationIssue | undefined {
    this.inflatedBytes += bytes;
    return this.inflatedBytes > this.limits.maxTotalBytes ? this.failTotal() : undefined;
  }

  /** Judges inflated against compressed bytes once past the grace size. */
  checkRatio(inflated: number, compressed: number): ValidationIssue | undefined {
    const { ratioGraceBytes, maxCompressionRatio } = this.limits;
    if (inflated <= ratioGraceBytes || inflated <= compressed * maxCompressionRatio) {
      return undefined;
    }
    return this.fail(
      issueOf('ARCHIVE_COMPRESSION_RATIO_EXCEEDED', {
        message: `The archive inflates ${Math.ceil(inflated / Math.max(compressed, 1))} times its compressed size (limit ${maxCompressionRatio}); none of its files was processed.`,
      }),
    );
  }

  targetPath(index: number): string {
    return path.join(this.destDir, `${String(index).padStart(4, '0')}.bin`);
  }

  /** Remembers a file we created, so that an archive-level failure can remove it. */
  noteWritten(filePath: string): void {
    this.writtenPaths.push(filePath);
  }

  accept(entry: Required<Omit<ArchiveEntryResult, 'issues'>>): void {
    this.entries.push({ ...entry, issues: [] });
  }

  reject(index: number, name: string, size: number, issue: ValidationIssue): void {
    this.entries.push({ index, name, size, issues: [issue] });
  }

  async finish(): Promise<ArchiveExtraction> {
    await Promise.all(this.discardedPaths.map((discarded) => rm(discarded, { force: true })));
    if (this.breachIssue !== undefined) {
      await this.removeWritten();
      return { ok: false, issues: [this.breachIssue] };
    }
    if (this.entries.length === 0) {
      return { ok: false, issues: [issueOf('ARCHIVE_EMPTY')] };
    }
    return { ok: true, entries: this.entries };
  }

  /** Removes every file this extraction wrote, so that nothing half-done is left behind. */
  async removeWritten(): Promise<void> {
    await Promise.all(this.writtenPaths.map((written) => rm(written, { force: true })));
  }

  private failTooMany(what: string): void {
    this.fail(
      issueOf('ARCHIVE_TOO_MANY_ENTRIES', {
        message: `The archive holds ${what}; none of its files was processed.`,
      }),
    );
  }

  private failTotal(): ValidationIssue {
    return this.fail(
      issueOf('ARCHIVE_TOTAL_SIZE_EXCEEDED', {
        message: `The archive inflates to more than ${this.limits.maxTotalBytes} bytes; none of its files was processed.`,
      }),
    );
  }
}

function throughLink(link: string): ValidationIssue {
  return issueOf('ARCHIVE_ENTRY_THROUGH_LINK', {
    message: `The entry's path passes through the link entry "${link}" of the same archive (a path-escape attempt); the entry was skipped.`,
  });
}
