/** The batches operators expect (table `expected_batches`, migration 7). */
import { PasserelleError } from '../errors/index.js';
import type { SqlDatabase } from '../store/index.js';
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
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    this.#db = db;
  }

  /** Declares a batch; the same declaration twice returns the first one. */
  async add(
    account: string,
    schedule: BatchSchedule,
    createdBy: string,
    now = new Date(),
  ): Promise<ExpectedBatch> {
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
    await this.#db.run(
      `INSERT INTO expected_batches (account, days, before, time_zone, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account, days, before, time_zone) DO NOTHING`,
      [account, days, schedule.before, schedule.timeZone, createdBy, now.toISOString()],
    );
    const row = await this.#db.get<ExpectedBatchRow>(
      'SELECT * FROM expected_batches WHERE account = ? AND days = ? AND before = ? AND time_zone = ?',
      [account, days, schedule.before, schedule.timeZone],
    );
    if (!row) throw new Error(`expected batch of ${account} not found after its insert`);
    return toExpectedBatch(row);
  }

  async list(): Promise<ExpectedBatch[]> {
    return (
      await this.#db.all<ExpectedBatchRow>('SELECT * FROM expected_batches ORDER BY account, id')
    ).map(toExpectedBatch);
  }

  async remove(id: number): Promise<boolean> {
    return (await this.#db.run('DELETE FROM expected_batches WHERE id = ?', [id])).changes > 0;
  }
}
