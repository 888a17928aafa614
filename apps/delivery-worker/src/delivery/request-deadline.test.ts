import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { RequestDeadline } from './request-deadline.js';

describe('RequestDeadline', () => {
  const cases: {
    name: string;
    limitMs: number;
    clearAfterMs: number | null;
    waitMs: number;
    fires: boolean;
  }[] = [
    { name: 'fires once its limit has passed', limitMs: 10, clearAfterMs: null, waitMs: 60, fires: true },
    { name: 'does not fire before its limit', limitMs: 200, clearAfterMs: null, waitMs: 20, fires: false },
    { name: 'does not fire once cleared', limitMs: 30, clearAfterMs: 5, waitMs: 80, fires: false },
  ];
  for (const { name, limitMs, clearAfterMs, waitMs, fires } of cases)
    it(name, async () => {
      const deadline = new RequestDeadline(limitMs);
      let aborts = 0;
      deadline.once('abort', () => {
        aborts += 1;
      });
      if (clearAfterMs !== null) setTimeout(() => deadline.clear(), clearAfterMs);
      await sleep(waitMs);
      deadline.clear();
      assert.equal(aborts, fires ? 1 : 0);
      assert.equal(deadline.expired, fires);
    });
});
