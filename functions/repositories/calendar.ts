/**
 * The published holiday calendar (shared/holiday-calendar.ts): the only code that knows its keys.
 *
 *   PK `CALENDAR`  SK `STATE`       every published year, in one versioned item
 *   PK `CALENDAR`  SK `EV#<v>#<i>`  CalendarYearPublished events, append-only
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import {
  EMPTY_CALENDAR,
  type CalendarEvent,
  type PublishedCalendar,
} from '../../shared/holiday-calendar';
import { db, saveAggregate, tableName } from './table';

const key = { PK: 'CALENDAR', SK: 'STATE' };

export async function getPublishedCalendar(): Promise<PublishedCalendar> {
  const { Item } = await db().send(
    new GetCommand({ TableName: tableName(), Key: key, ConsistentRead: true }),
  );
  return Item ? (Item.state as PublishedCalendar) : EMPTY_CALENDAR;
}

export async function savePublishedCalendar(
  next: PublishedCalendar,
  events: readonly CalendarEvent[],
  expectedVersion: number,
): Promise<void> {
  await saveAggregate({
    key,
    next,
    indexAttributes: { kind: 'calendar' },
    expectedVersion: expectedVersion === 0 ? 'new' : expectedVersion,
    events,
  });
}
