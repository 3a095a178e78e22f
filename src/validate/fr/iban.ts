/** ISO 13616: two letters, two check digits, up to 30 alphanumerics (34 characters in all). */
const IBAN_SHAPE = /^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/;

/**
 * Whether a text is an IBAN: its shape, then the ISO 7064 mod-97-10 check (the first four
 * characters moved to the end, letters as 10 to 35, the number mod 97 must be 1). Spaces, as
 * printed on paper, are not accepted: BT-84 carries the electronic form.
 */
export function isValidIban(text: string): boolean {
  if (!IBAN_SHAPE.test(text)) return false;
  const rearranged = `${text.slice(4)}${text.slice(0, 4)}`;
  let remainder = 0;
  for (const char of rearranged) {
    const digits = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}
