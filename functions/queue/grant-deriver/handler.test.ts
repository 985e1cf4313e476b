import type { DynamoDBRecord } from 'aws-lambda';
import { carriedGrantOf, insertedGrantOf, plain } from './handler';

const record = (eventName: DynamoDBRecord['eventName'], image: Record<string, unknown>) =>
  ({ eventName, dynamodb: { NewImage: image, SequenceNumber: '1' } }) as DynamoDBRecord;

describe('grant deriver: which stream records it takes', () => {
  const state = {
    M: {
      id: { S: 'grant_x' },
      version: { N: '1' },
      amountFen: { N: '100000' },
      payee: { NULL: true },
      frozenFacts: { M: { refs: { L: [{ M: { source: { S: 'market_registry' } } }] } } },
      flag: { BOOL: false },
    },
  };
  const grant = { kind: { S: 'grant' }, SK: { S: 'STATE' }, state };

  it('an inserted grant state, as plain JSON', () => {
    expect(insertedGrantOf(record('INSERT', grant))).toEqual({
      id: 'grant_x',
      version: 1,
      amountFen: 100000,
      payee: null,
      frozenFacts: { refs: [{ source: 'market_registry' }] },
      flag: false,
    });
  });

  it('nothing else: a modified grant, an event, an outbox record', () => {
    expect(insertedGrantOf(record('MODIFY', grant))).toBeUndefined();
    expect(insertedGrantOf(record('INSERT', { kind: { S: 'event' }, SK: { S: 'EV#1' } }))).toBe(
      undefined,
    );
    expect(insertedGrantOf(record('INSERT', { kind: { S: 'outbox' } }))).toBeUndefined();
  });

  it('not a grant the deriver wrote itself from the claim that carried it', () => {
    expect(insertedGrantOf(record('INSERT', { ...grant, fromClaim: { BOOL: true } }))).toBe(
      undefined,
    );
  });

  it('a claim that carries a grant: the grant and its run', () => {
    const claim = { kind: { S: 'claim' }, SK: { S: '2020' }, holderId: { S: 'grant_x' } };
    const carrying = { ...claim, derive: { S: 'grant' }, grant: state, runId: { S: 'run_1' } };
    expect(carriedGrantOf(record('INSERT', carrying))).toEqual({
      grant: expect.objectContaining({ id: 'grant_x', version: 1 }) as unknown,
      runId: 'run_1',
    });
    // a claim an application or an inline grant takes, or a carried one changed: nothing
    expect(carriedGrantOf(record('INSERT', claim))).toBeUndefined();
    expect(carriedGrantOf(record('MODIFY', carrying))).toBeUndefined();
    expect(insertedGrantOf(record('INSERT', carrying))).toBeUndefined();
  });

  it('sets as arrays', () => {
    expect(plain({ SS: ['a', 'b'] })).toEqual(['a', 'b']);
    expect(plain({ NS: ['1', '2'] })).toEqual([1, 2]);
  });
});
