/**
 * When a supplier's batch is due: "every weekday before 02:00, Paris time". The deadline that
 * matters at a given instant is the latest one already passed; the batch for it is any flow
 * the account dropped in the 24 hours before it, or since (a late batch still counts).
 */

export const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface BatchSchedule {
  /** The days a batch is due (local days in `timeZone`). */
  readonly days: readonly Weekday[];
  /** HH:MM, local time in `timeZone`. */
  readonly before: string;
  /** An IANA time zone (Europe/Paris). */
  readonly timeZone: string;
}

const DAY_MS = 86_400_000;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** `mon-fri`, `sat,sun`, `mon,wed-fri`, `daily`: the days, or undefined when unreadable. */
export function parseDays(text: string): Weekday[] | undefined {
  const value = text.trim().toLowerCase();
  if (value === 'daily' || value === 'every-day') return [...WEEKDAYS];
  if (value === 'weekdays') return ['mon', 'tue', 'wed', 'thu', 'fri'];
  const days = new Set<Weekday>();
  for (const part of value.split(',')) {
    const [first, last, extra] = part.split('-');
    const from = WEEKDAYS.indexOf(first as Weekday);
    const to = last === undefined ? from : WEEKDAYS.indexOf(last as Weekday);
    if (from < 0 || to < 0 || extra !== undefined) return undefined;
    // mon-fri walks forward; fri-mon wraps over the week end.
    for (let day = from; ; day = (day + 1) % 7) {
      days.add(WEEKDAYS[day] ?? 'sun');
      if (day === to) break;
    }
  }
  return WEEKDAYS.filter((day) => days.has(day));
}

export function isTimeOfDay(text: string): boolean {
  return TIME_PATTERN.test(text);
}

export function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock fields of `instant` in `timeZone`. */
function localParts(instant: number, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(instant));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  };
}

/** Offset of `timeZone` from UTC at `instant`, in ms (Paris in winter: +3,600,000). */
function offsetAt(instant: number, timeZone: string): number {
  const local = localParts(instant, timeZone);
  const asUtc = Date.UTC(
    local.year,
    local.month - 1,
    local.day,
    local.hour,
    local.minute,
    local.second,
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/** The instant at which the local clock of `timeZone` shows this date and time. */
export function zonedInstant(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  timeZone: string,
): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetAt(wall, timeZone);
  // Once more with the offset at the result: right across a change of summer time.
  return wall - offsetAt(first, timeZone);
}

/** The latest deadline of `schedule` at or before `now`, within the last 8 days. */
export function lastDeadline(schedule: BatchSchedule, now: Date): Date | undefined {
  const match = TIME_PATTERN.exec(schedule.before);
  if (!match || schedule.days.length === 0) return undefined;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  const today = localParts(now.getTime(), schedule.timeZone);
  for (let back = 0; back <= 8; back += 1) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day - back));
    const weekday = WEEKDAYS[date.getUTCDay()] ?? 'sun';
    if (!schedule.days.includes(weekday)) continue;
    const deadline = zonedInstant(
      date.getUTCFullYear(),
      date.getUTCMonth() + 1,
      date.getUTCDate(),
      hour,
      minute,
      schedule.timeZone,
    );
    if (deadline <= now.getTime()) return new Date(deadline);
  }
  return undefined;
}

export interface LateBatch {
  readonly deadline: Date;
  /** The start of the window a batch is looked for in (24 hours before the deadline). */
  readonly since: Date;
}

/**
 * The missed deadline when the batch is late at `now`: a deadline has passed (after the
 * expectation was declared) and the account dropped nothing since 24 hours before it.
 */
export function lateBatchOf(
  schedule: BatchSchedule & { readonly createdAt: string },
  now: Date,
  hasFlowSince: (since: Date) => boolean,
): LateBatch | undefined {
  const deadline = lastDeadline(schedule, now);
  if (!deadline || deadline.getTime() < Date.parse(schedule.createdAt)) return undefined;
  const since = new Date(deadline.getTime() - DAY_MS);
  return hasFlowSince(since) ? undefined : { deadline, since };
}
