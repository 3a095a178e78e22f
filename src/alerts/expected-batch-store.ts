/** The batches operators expect (table `expected_batches`, migration 7). */
import { PasserelleError } from '../errors/index.js';
import type { SqliteDatabase } from '../store/index.js';
import {
  isTimeOfDay,
  isTimeZone,
  WEEKDAYS,
  type BatchSchedule,
  type Weekday,
} from './batch-schedule.js';

export interface ExpectedBatch extends BatchSchedule {
  readonly id: number;
  readonly account: string;
  readonly createdBy: string;
  readonly createdAt: string;
}

interface ExpectedBatchRow {
  id: number;
  account: string;
  days: string;
  before: string;
  time_zone: string;
  created_by: string;
  created_at: string;
}

const toExpectedBatch = (row: ExpectedBatchRow): ExpectedBatch => ({
  id: row.id,
  account: row.account,
  days: row.days.split(',').filter((day): day is Weekday => WEEKDAYS.includes(day as Weekday)),
  before: row.before,
  timeZone: row.time_zone,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

export class ExpectedBatchStore {
  readonly #db: SqliteDatabase;

  constructor(db: SqliteDatabase) {
    this.#db = db;
  }

  /** Declares a batch; the same declaration twice returns the first one. */
  add(
    account: string,
    schedule: BatchSchedule,
    createdBy: string,
    now = new Date(),
  ): ExpectedBatch {
    if (
      schedule.days.length === 0 ||
      !isTimeOfDay(schedule.before) ||
      !isTimeZone(schedule.timeZone)
    )
      throw new PasserelleError(
        'CONFIG_INVALID',
        'an expected batch needs days, a time HH:MM and a known time zone',
      );
    const days = WEEKDAYS.filter((day) => schedule.days.includes(day)).join(',');
    this.#db
      .prepare(
        `INSERT INTO expected_batches (account, days, before, time_zone, created_by, created_at)
         VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account, days, before, time_zone) DO NOTHING`,
      )
      .run(account, days, schedule.before, schedule.timeZone, createdBy, now.toISOString());
    const row = this.#db
      .prepare(
        'SELECT * FROM expected_batches WHERE account = ? AND days = ? AND before = ? AND time_zone = ?',
      )
      .get(account, days, schedule.before, schedule.timeZone) as ExpectedBatchRow;
    return toExpectedBatch(row);
  }

  list(): ExpectedBatch[] {
    return (
      this.#db
        .prepare('SELECT * FROM expected_batches ORDER BY account, id')
        .all() as ExpectedBatchRow[]
    ).map(toExpectedBatch);
  }

  remove(id: number): boolean {
    return this.#db.prepare('DELETE FROM expected_batches WHERE id = ?').run(id).changes > 0;
  }
}
