import { InvalidArgumentError } from 'commander';

/** Writes one line on standard output (a closed pipe is handled once, in main). */
export function writeLine(text = ''): void {
  process.stdout.write(`${text}\n`);
}

/** Writes rows as tab-separated columns, `-` for an absent value. */
export function writeRows(
  rows: readonly (readonly (string | number | undefined | null)[])[],
): void {
  for (const row of rows)
    writeLine(
      row.map((cell) => (cell === undefined || cell === null ? '-' : String(cell))).join('\t'),
    );
}

/** The --json output of a command: one JSON document. */
export function writeJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** A commander option parser for a whole number in [min, max]: a bad value is a usage error (exit 2). */
export function wholeNumber(min: number, max: number): (value: string) => number {
  return (value: string) => {
    const number = /^\d+$/.test(value.trim()) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number) || number < min || number > max)
      throw new InvalidArgumentError(`expected a whole number from ${min} to ${max}.`);
    return number;
  };
}

/** A commander option parser for a 14-digit SIRET. */
export function siretOption(value: string): string {
  if (!/^\d{14}$/.test(value)) throw new InvalidArgumentError('expected a SIRET: 14 digits.');
  return value;
}

/** A commander option parser for a date (YYYY-MM-DD) or an ISO time. */
export function isoDateOption(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}([T ][\d:.]+Z?)?$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new InvalidArgumentError('expected a date, YYYY-MM-DD, or an ISO time.');
  return value;
}
