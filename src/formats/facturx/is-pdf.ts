const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"

/** Readers accept junk before the header, so we look at the whole first KiB, not offset 0. */
const SEARCH_WINDOW_BYTES = 1024;

/** Tells a PDF by its content (the `%PDF-` header within the first 1024 bytes), never by name. */
export function isPdf(head: Uint8Array): boolean {
  const end = Math.min(head.length, SEARCH_WINDOW_BYTES) - PDF_MAGIC.length;
  for (let start = 0; start <= end; start += 1) {
    if (PDF_MAGIC.every((byte, offset) => head[start + offset] === byte)) {
      return true;
    }
  }
  return false;
}
