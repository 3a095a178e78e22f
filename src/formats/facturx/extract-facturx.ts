/**
 * Stage: take the invoice XML out of a Factur-X / ZUGFeRD hybrid PDF.
 * Input: the PDF bytes. Output: the XML, its attachment name and profile, plus warnings about
 * the container; or fatal issues. Never throws for bad input.
 * Codes: FACTURX_PDF_UNREADABLE, FACTURX_PDF_ENCRYPTED, FACTURX_ATTACHMENT_MISSING,
 * FACTURX_ATTACHMENT_NAME_NONSTANDARD, FACTURX_ATTACHMENT_UNREADABLE, FACTURX_ATTACHMENT_TOO_LARGE,
 * XML_NOT_XML, XML_DOCTYPE_FORBIDDEN, XML_ENCODING_UNSUPPORTED, XML_MALFORMED (fatal);
 * FACTURX_PROFILE_UNKNOWN and the checkHybridMetadata codes (warnings).
 */

import { PDFDict, PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';

import { issueOf } from '../../errors/index.js';
import type { ValidationIssue } from '../../errors/index.js';
import { checkHybridMetadata } from './check-hybrid-metadata.js';
import type { XmpOutcome } from './check-hybrid-metadata.js';
import { decodeEmbeddedStream } from './decode-embedded-stream.js';
import { DEFAULT_MAX_FACTURX_XML_BYTES } from './facturx-result.js';
import type { FacturXOptions, FacturXResult } from './facturx-result.js';
import { findEmbeddedFiles } from './find-embedded-files.js';
import type { EmbeddedFile } from './find-embedded-files.js';
import { isPdf } from './is-pdf.js';
import { readInvoiceProfile } from './read-invoice-profile.js';
import { readXmp } from './read-xmp.js';

export async function extractFacturX(
  pdf: Uint8Array,
  options: FacturXOptions = {},
): Promise<FacturXResult> {
  const maxXmlBytes = options.maxXmlBytes ?? DEFAULT_MAX_FACTURX_XML_BYTES;
  const opened = await openPdf(pdf);
  if (!opened.ok) {
    return { ok: false, issues: [opened.issue] };
  }
  const chosen = chooseInvoiceAttachment(opened.files);
  if (!chosen.ok) {
    return { ok: false, issues: [chosen.issue] };
  }
  const attachment = chosen.attachment;
  if (!attachment.isInNameTree) {
    return {
      ok: false,
      issues: [
        issueOf('FACTURX_ATTACHMENT_NOT_IN_NAME_TREE', {
          message: `${attachment.name} is reachable only through the catalogue's /AF array: the PDF's EmbeddedFiles name tree does not list it, a broken structure that PDF readers reject.`,
        }),
      ],
    };
  }
  if (attachment.stream === undefined) {
    return {
      ok: false,
      issues: [
        issueOf('FACTURX_ATTACHMENT_UNREADABLE', {
          message: `The file specification of ${attachment.name} has no embedded stream (/EF /F).`,
        }),
      ],
    };
  }
  const decoded = decodeEmbeddedStream(attachment.stream, maxXmlBytes);
  if (!decoded.ok) {
    return { ok: false, issues: [decoded.issue] };
  }
  const profile = readInvoiceProfile(decoded.bytes);
  if (!profile.ok) {
    return { ok: false, issues: [...profile.issues] };
  }
  const xmp = readDocumentXmp(opened.metadata, maxXmlBytes);
  return {
    ok: true,
    xml: decoded.bytes,
    attachmentName: attachment.name,
    profile: profile.profile,
    issues: [...profile.issues, ...checkHybridMetadata(attachment, profile.profile, xmp)],
  };
}

type OpenedPdf =
  | {
      readonly ok: true;
      readonly files: readonly EmbeddedFile[];
      readonly metadata: PDFRawStream | undefined;
    }
  | { readonly ok: false; readonly issue: ValidationIssue };

/** The only place pdf-lib touches untrusted structure; whatever it throws means "unreadable". */
async function openPdf(pdf: Uint8Array): Promise<OpenedPdf> {
  const shape = checkPdfShape(pdf);
  if (shape !== undefined) {
    return { ok: false, issue: unreadablePdf(shape) };
  }
  try {
    // Loading past encryption only to say so: pdf-lib's own error class fails instanceof.
    const doc = await PDFDocument.load(pdf, { updateMetadata: false, ignoreEncryption: true });
    if (doc.isEncrypted) {
      return { ok: false, issue: issueOf('FACTURX_PDF_ENCRYPTED') };
    }
    const root = doc.context.trailerInfo.Root;
    if (root === undefined || !(doc.context.lookup(root) instanceof PDFDict)) {
      return { ok: false, issue: unreadablePdf('it has no document catalogue (trailer /Root)') };
    }
    const metadata = doc.catalog.lookup(PDFName.of('Metadata'));
    return {
      ok: true,
      files: findEmbeddedFiles(doc),
      metadata: metadata instanceof PDFRawStream ? metadata : undefined,
    };
  } catch (error) {
    return { ok: false, issue: unreadablePdf(plainReasonOf(error)) };
  }
}

/**
 * pdf-lib's own errors say what is wrong in PDF terms; a JavaScript error (reading a property
 * of undefined…) only says that a structure it expected is missing, so it is not shown.
 */
function plainReasonOf(error: unknown): string {
  if (error instanceof TypeError || error instanceof RangeError || !(error instanceof Error))
    return 'its internal structure is broken or incomplete';
  return error.message.replace(/\.$/, '');
}

const EOF_MARKER = '%%EOF';
const EOF_WINDOW_BYTES = 1024;

/**
 * Cheap checks before pdf-lib: it recovers from truncation by guessing, and may then report a
 * cut PDF as one without attachment. PDF/A (hence Factur-X) requires %%EOF at the very end.
 */
function checkPdfShape(pdf: Uint8Array): string | undefined {
  if (!isPdf(pdf)) {
    return 'it has no %PDF- header';
  }
  const tail = Buffer.from(pdf.subarray(Math.max(0, pdf.length - EOF_WINDOW_BYTES)));
  return tail.includes(EOF_MARKER, 0, 'latin1')
    ? undefined
    : 'it is truncated (no %%EOF at its end)';
}

function unreadablePdf(reason: string): ValidationIssue {
  return issueOf('FACTURX_PDF_UNREADABLE', { message: `The PDF cannot be read: ${reason}.` });
}

/** In order of preference when a PDF carries several (transitional ZUGFeRD 2.x files do). */
export const INVOICE_ATTACHMENT_NAMES = [
  'factur-x.xml',
  'xrechnung.xml',
  'zugferd-invoice.xml',
  'ZUGFeRD-invoice.xml',
] as const;

type ChosenAttachment =
  | { readonly ok: true; readonly attachment: EmbeddedFile }
  | { readonly ok: false; readonly issue: ValidationIssue };

function chooseInvoiceAttachment(files: readonly EmbeddedFile[]): ChosenAttachment {
  for (const name of INVOICE_ATTACHMENT_NAMES) {
    const attachment = files.find((file) => file.name === name);
    if (attachment !== undefined) {
      return { ok: true, attachment };
    }
  }
  const xmlFiles = files.filter(
    (file) => file.name.toLowerCase().endsWith('.xml') || /xml/i.test(file.subtype ?? ''),
  );
  if (xmlFiles.length > 0) {
    const names = xmlFiles.map((file) => `"${file.name}"`).join(', ');
    return {
      ok: false,
      issue: issueOf('FACTURX_ATTACHMENT_NAME_NONSTANDARD', {
        message: `The PDF embeds ${names} but no factur-x.xml (nor zugferd-invoice.xml, ZUGFeRD-invoice.xml, xrechnung.xml).`,
      }),
    };
  }
  return {
    ok: false,
    issue: issueOf('FACTURX_ATTACHMENT_MISSING', {
      message:
        files.length === 0
          ? 'The PDF has no embedded file; a Factur-X PDF embeds factur-x.xml.'
          : `The PDF embeds ${files.length} file(s) but no invoice XML (factur-x.xml).`,
    }),
  };
}

function readDocumentXmp(metadata: PDFRawStream | undefined, maxBytes: number): XmpOutcome {
  if (metadata === undefined) {
    return { kind: 'missing' };
  }
  const decoded = decodeEmbeddedStream(metadata, maxBytes);
  if (!decoded.ok) {
    return { kind: 'unreadable', reason: decoded.issue.message };
  }
  const read = readXmp(decoded.bytes);
  return read.ok
    ? { kind: 'read', facts: read.value }
    : { kind: 'unreadable', reason: read.issues[0]?.message ?? 'unreadable' };
}
