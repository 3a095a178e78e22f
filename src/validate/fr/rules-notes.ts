import type { InvoiceModel, SourceLocation } from '../../formats/index.js';
import type { ReportFrFailure } from './fr-collector.js';

const MANDATORY_SUBJECTS = [
  ['PMT', 'the fixed recovery-costs indemnity'],
  ['PMD', 'late-payment penalties'],
  ['AAB', 'the discount terms (or that there is none)'],
] as const;
const UNIQUE_SUBJECTS = ['PMT', 'PMD', 'AAB', 'TXD'] as const;
const UBL_BAR_TREATMENTS: ReadonlySet<string> = new Set([
  'B2B',
  'B2BINT',
  'B2C',
  'OUTOFSCOPE',
  'ARCHIVEONLY',
]);
const CII_BAR_TREATMENTS: ReadonlySet<string> = new Set([...UBL_BAR_TREATMENTS, 'B2CINT']);

/** How many notes carry a subject code. UBL codes it in the text as `#CODE#`, CII in SubjectCode. */
function countSubject(model: InvoiceModel, code: string): number {
  if (model.syntax === 'ubl') {
    return (
      model.notes
        .map((note) => note.text)
        .join('')
        .split(`#${code}#`).length - 1
    );
  }
  return (model.subjectNotes ?? []).filter((note) => note.subjectCode?.text === code).length;
}

/** BR-FR-05, BR-FR-06, BR-FR-20: the mandatory legal notes and the BAR processing note. */
export function checkNoteRules(model: InvoiceModel, report: ReportFrFailure): void {
  const where: SourceLocation = model.syntax === 'ubl' ? model.root : notesLocation(model);
  for (const [code, subject] of MANDATORY_SUBJECTS) {
    if (countSubject(model, code) === 0) {
      report(
        'BR-FR-05',
        where,
        `The invoice has no note with subject code ${code} (BT-21) stating ${subject}; French law requires this mention.`,
      );
    }
  }
  for (const code of UNIQUE_SUBJECTS) {
    const count = countSubject(model, code);
    if (count > 1) {
      report(
        'BR-FR-06',
        where,
        `The subject code ${code} (BT-21) appears in ${count} notes; it may appear in one only.`,
      );
    }
  }
  checkBarTreatment(model, report);
}

function notesLocation(model: InvoiceModel): SourceLocation {
  return model.subjectNotes?.[0] ?? model.root;
}

function checkBarTreatment(model: InvoiceModel, report: ReportFrFailure): void {
  const message = (value: string): string =>
    `The note with subject code BAR (BT-21) gives the processing "${value}", which is none of ${[...(model.syntax === 'ubl' ? UBL_BAR_TREATMENTS : CII_BAR_TREATMENTS)].join(', ')}.`;
  if (model.syntax === 'ubl') {
    // The UBL Schematron joins every note and reads what follows the first #BAR#, up to '#'.
    const joined = model.notes.map((note) => note.text).join('');
    const start = joined.indexOf('#BAR#');
    if (start < 0) return;
    const after = joined.slice(start + '#BAR#'.length);
    const end = after.indexOf('#');
    const treatment = end < 0 ? after : after.slice(0, end);
    if (treatment !== '' && !UBL_BAR_TREATMENTS.has(treatment)) {
      report('BR-FR-20', model.root, message(treatment));
    }
    return;
  }
  for (const note of model.subjectNotes ?? []) {
    if (note.subjectCode?.text !== 'BAR') continue;
    const treatment = note.content?.text ?? '';
    if (!CII_BAR_TREATMENTS.has(treatment))
      report('BR-FR-20', note.content ?? note, message(treatment));
  }
}
