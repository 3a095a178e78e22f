import { describe, expect, it } from 'vitest';
import { lastDeadline, lateBatchOf, parseDays, zonedInstant } from '../../../src/alerts/index.js';

const weekdays = { days: parseDays('mon-fri') ?? [], before: '02:00', timeZone: 'Europe/Paris' };
const declared = { ...weekdays, createdAt: '2026-01-01T00:00:00.000Z' };

describe('expected batch schedule', () => {
  it('reads days as ranges, lists and words', () => {
    expect(parseDays('mon-fri')).toEqual(['mon', 'tue', 'wed', 'thu', 'fri']);
    expect(parseDays('sat,sun')).toEqual(['sun', 'sat']);
    expect(parseDays('fri-mon')).toEqual(['sun', 'mon', 'fri', 'sat']);
    expect(parseDays('daily')).toHaveLength(7);
    expect(parseDays('monday')).toBeUndefined();
    expect(parseDays('mon-tue-wed')).toBeUndefined();
  });

  it('places local times in their time zone, summer time included', () => {
    // 02:00 in Paris is 01:00 UTC in winter and 00:00 UTC in summer.
    expect(new Date(zonedInstant(2026, 1, 13, 2, 0, 'Europe/Paris')).toISOString()).toBe(
      '2026-01-13T01:00:00.000Z',
    );
    expect(new Date(zonedInstant(2026, 7, 14, 2, 0, 'Europe/Paris')).toISOString()).toBe(
      '2026-07-14T00:00:00.000Z',
    );
    expect(new Date(zonedInstant(2026, 7, 14, 2, 0, 'America/New_York')).toISOString()).toBe(
      '2026-07-14T06:00:00.000Z',
    );
  });

  it('takes the latest passed deadline, skipping the days without one', () => {
    // Tuesday 13 January 2026, 08:00 UTC: Tuesday's 02:00 Paris deadline has passed.
    expect(lastDeadline(weekdays, new Date('2026-01-13T08:00:00Z'))?.toISOString()).toBe(
      '2026-01-13T01:00:00.000Z',
    );
    // Tuesday 00:30 UTC (01:30 in Paris): still Monday's deadline.
    expect(lastDeadline(weekdays, new Date('2026-01-13T00:30:00Z'))?.toISOString()).toBe(
      '2026-01-12T01:00:00.000Z',
    );
    // Sunday: Friday's deadline, the week end has none.
    expect(lastDeadline(weekdays, new Date('2026-01-18T12:00:00Z'))?.toISOString()).toBe(
      '2026-01-16T01:00:00.000Z',
    );
    // The local day, not the UTC one: Monday 23:30 UTC is Tuesday 00:30 in Paris.
    expect(
      lastDeadline(
        { ...weekdays, before: '00:15' },
        new Date('2026-01-12T23:30:00Z'),
      )?.toISOString(),
    ).toBe('2026-01-12T23:15:00.000Z');
  });

  it('is late when nothing came in the 24 hours before the deadline', () => {
    const now = new Date('2026-01-13T08:00:00Z');
    const seen: string[] = [];
    const late = lateBatchOf(declared, now, (since) => {
      seen.push(since.toISOString());
      return false;
    });
    expect(late?.deadline.toISOString()).toBe('2026-01-13T01:00:00.000Z');
    expect(seen).toEqual(['2026-01-12T01:00:00.000Z']);
  });

  it('is not late when a batch arrived, even after the deadline', () => {
    const arrivedAt = Date.parse('2026-01-13T05:00:00Z');
    const hasFlowSince = (since: Date) => arrivedAt >= since.getTime();
    expect(lateBatchOf(declared, new Date('2026-01-13T08:00:00Z'), hasFlowSince)).toBeUndefined();
    // It lies within the 24 hours before Wednesday's deadline too: it counts for that one.
    expect(lateBatchOf(declared, new Date('2026-01-14T08:00:00Z'), hasFlowSince)).toBeUndefined();
    // The day after, that batch is older than the new window: late again.
    expect(
      lateBatchOf(declared, new Date('2026-01-15T08:00:00Z'), hasFlowSince)?.deadline.toISOString(),
    ).toBe('2026-01-15T01:00:00.000Z');
  });

  it('is not late before the first deadline after it was declared', () => {
    const recent = { ...weekdays, createdAt: '2026-01-13T03:00:00.000Z' };
    expect(lateBatchOf(recent, new Date('2026-01-13T08:00:00Z'), () => false)).toBeUndefined();
    expect(lateBatchOf(recent, new Date('2026-01-14T01:30:00Z'), () => false)).toBeDefined();
  });
});
