import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  accountDeliveries,
  longestGap,
  missingText,
  perSecond,
  type Receipt,
  resumeOfNewEvents,
} from './accounting.js';

function receipt(
  eventId: string,
  webhookId: string,
  receivedAtMs: number,
  signatureOk: boolean | null = true,
): Receipt {
  return { eventId, webhookId, sentAtMs: 1000, receivedAtMs, signatureOk };
}

describe('accountDeliveries', () => {
  it('counts nothing lost and no duplicates when each event arrives once', () => {
    const account = accountDeliveries(['e1', 'e2'], [receipt('e1', 'm1', 1010), receipt('e2', 'm2', 1030)]);
    assert.equal(account.lost, 0);
    assert.equal(account.duplicates, 0);
    assert.equal(account.unique, 2);
    assert.deepEqual(account.firstLatenciesMs, [10, 30]);
  });

  it('names lost events: produced but never received', () => {
    const account = accountDeliveries(['e1', 'e2', 'e3'], [receipt('e2', 'm2', 1005)]);
    assert.equal(account.lost, 2);
    assert.deepEqual(account.lostSample, ['e1', 'e3']);
  });

  it('counts a repeated webhook-id as a duplicate, as a percentage of unique deliveries, and keeps the first latency', () => {
    const account = accountDeliveries(
      ['e1', 'e2'],
      [
        receipt('e1', 'm1', 1010),
        receipt('e2', 'm2', 1020),
        receipt('e1', 'm1', 1500),
        receipt('e1', 'm1', 1600),
      ],
    );
    assert.equal(account.requests, 4);
    assert.equal(account.unique, 2);
    assert.equal(account.duplicates, 2);
    assert.equal(account.duplicatePct, 100);
    assert.deepEqual(account.firstLatenciesMs, [10, 20]);
  });

  it('flags receipts of events never produced and webhook-ids reused for another event', () => {
    const account = accountDeliveries(
      ['e1'],
      [receipt('e1', 'm1', 1010), receipt('e9', 'm9', 1011), receipt('e2', 'm1', 1012)],
    );
    assert.equal(account.unexpected, 1);
    assert.equal(account.inconsistentIds, 1);
  });

  it('counts checked and failed signatures, leaving unchecked ones out', () => {
    const account = accountDeliveries(
      ['e1', 'e2', 'e3'],
      [receipt('e1', 'm1', 1, true), receipt('e2', 'm2', 2, false), receipt('e3', 'm3', 3, null)],
    );
    assert.equal(account.signaturesChecked, 2);
    assert.equal(account.signaturesFailed, 1);
  });

  it('sorts receive times ascending for gap finding', () => {
    const account = accountDeliveries(['e1', 'e2'], [receipt('e2', 'm2', 3000), receipt('e1', 'm1', 2000)]);
    assert.deepEqual(account.receiveTimesMs, [2000, 3000]);
  });
});

describe('longestGap', () => {
  const cases: Array<{
    name: string;
    times: number[];
    from: number;
    to: number;
    gapMs: number;
    startMs: number;
  }> = [
    {
      name: 'from the kill to the first receipt after it',
      times: [50, 100, 5100, 5200],
      from: 100,
      to: 5200,
      gapMs: 5000,
      startMs: 100,
    },
    {
      name: 'between receipts later in the window',
      times: [10, 20, 30, 9030, 9040],
      from: 0,
      to: 9040,
      gapMs: 9000,
      startMs: 30,
    },
    {
      name: 'to the end of the window when nothing arrives again',
      times: [10, 20],
      from: 0,
      to: 1000,
      gapMs: 980,
      startMs: 20,
    },
    {
      name: 'the whole window when nothing arrives at all',
      times: [],
      from: 100,
      to: 400,
      gapMs: 300,
      startMs: 100,
    },
    {
      name: 'ignoring receipts outside the window',
      times: [0, 500, 510, 520, 2000],
      from: 500,
      to: 600,
      gapMs: 80,
      startMs: 520,
    },
  ];
  for (const { name, times, from, to, gapMs, startMs } of cases) {
    it(name, () => assert.deepEqual(longestGap(times, from, to), { gapMs, startMs }));
  }
});

describe('perSecond', () => {
  it('divides by the seconds from first produce to last receipt', () =>
    assert.equal(perSecond(5000, 1000, 3000), 2500));
  it('is 0 for an empty interval rather than infinite', () => assert.equal(perSecond(10, 1000, 1000), 0));
});

describe('resumeOfNewEvents', () => {
  const sent = (sentAtMs: number, receivedAtMs: number): Receipt => ({
    eventId: `e${sentAtMs}`,
    webhookId: `m${sentAtMs}`,
    sentAtMs,
    receivedAtMs,
    signatureOk: true,
  });
  it('is the first receipt of an event produced after the kill, ignoring older events still arriving', () => {
    const receipts = [sent(900, 1100), sent(950, 1200), sent(1000, 9000), sent(1500, 8000)];
    assert.equal(resumeOfNewEvents(receipts, 1000), 7000);
  });
  it('is null when nothing produced after the kill arrived', () => {
    assert.equal(resumeOfNewEvents([sent(900, 5000)], 1000), null);
  });
});

describe('missingText', () => {
  it('says lost 0 when nothing is missing', () => assert.equal(missingText(0, 60), 'lost 0'));
  it('does not call missing events lost: they may only be late', () =>
    assert.equal(missingText(3, 10), '3 not received within the 10-s wait (lost or late)'));
});
