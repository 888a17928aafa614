import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { GroupCommit, type ItemResult } from './group-commit.js';

/** A GroupCommit whose rounds are recorded and answered by `answer`, each after one turn. */
function recorder(answer: (items: readonly string[]) => ItemResult<string>[] = okAll) {
  const rounds: string[][] = [];
  let running = 0;
  let mostAtOnce = 0;
  const commit = new GroupCommit<string, string>(async (items) => {
    running += 1;
    mostAtOnce = Math.max(mostAtOnce, running);
    rounds.push([...items]);
    await nextTurn();
    running -= 1;
    return answer(items);
  });
  return { commit, rounds, mostAtOnce: () => mostAtOnce };
}

function okAll(items: readonly string[]): ItemResult<string>[] {
  return items.map((item) => ({ ok: true, value: `done ${item}` }));
}

test('items submitted in one turn share one round, in submission order', async () => {
  const { commit, rounds } = recorder();
  const results = await Promise.all(['p0', 'p1', 'p2'].map((item) => commit.submit(item)));
  assert.deepEqual(rounds, [['p0', 'p1', 'p2']]);
  assert.deepEqual(results, ['done p0', 'done p1', 'done p2']);
});

test('items submitted while a round runs wait for the next round; rounds never overlap', async () => {
  const { commit, rounds, mostAtOnce } = recorder();
  const first = commit.submit('a');
  await nextTurn(); // the first round has started
  const later = [commit.submit('b'), commit.submit('c')];
  assert.deepEqual(await Promise.all([first, ...later]), ['done a', 'done b', 'done c']);
  assert.deepEqual(rounds, [['a'], ['b', 'c']]);
  assert.equal(mostAtOnce(), 1);
});

test('a round that takes many turns holds back the next one until it ends', async () => {
  const rounds: string[][] = [];
  let release = () => {};
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const commit = new GroupCommit<string, string>(async (items) => {
    rounds.push([...items]);
    if (rounds.length === 1) await gate;
    return okAll(items);
  });
  const first = commit.submit('a');
  await nextTurn();
  const second = commit.submit('b');
  for (let turn = 0; turn < 5; turn += 1) await nextTurn();
  assert.deepEqual(rounds, [['a']], 'the second round waits while the first is still running');
  release();
  assert.deepEqual(await Promise.all([first, second]), ['done a', 'done b']);
  assert.deepEqual(rounds, [['a'], ['b']]);
});

test('per-item answers: an error rejects only its item', async () => {
  const failure = new Error('state of partition 1 not restored');
  const { commit } = recorder((items) =>
    items.map((item) => (item === 'p1' ? { ok: false, error: failure } : { ok: true, value: item })),
  );
  const settled = await Promise.allSettled(['p0', 'p1', 'p2'].map((item) => commit.submit(item)));
  assert.deepEqual(
    settled.map((result) => (result.status === 'fulfilled' ? result.value : result.reason)),
    ['p0', failure, 'p2'],
  );
});

test('a round that throws rejects every item of that round, and the next round still runs', async () => {
  const rebalancing = new Error('The group is rebalancing');
  let calls = 0;
  const commit = new GroupCommit<string, string>(async (items) => {
    calls += 1;
    if (calls === 1) throw rebalancing;
    return okAll(items);
  });
  const settled = await Promise.allSettled([commit.submit('a'), commit.submit('b')]);
  assert.deepEqual(
    settled.map((result) => result.status === 'rejected' && result.reason),
    [rebalancing, rebalancing],
  );
  assert.equal(await commit.submit('c'), 'done c');
});

test('a round that answers fewer items than it was given rejects the unanswered ones', async () => {
  const { commit } = recorder((items) => okAll(items.slice(0, 1)));
  const settled = await Promise.allSettled([commit.submit('a'), commit.submit('b')]);
  assert.equal(settled[0]?.status, 'fulfilled');
  assert.equal(settled[1]?.status, 'rejected');
  assert.match(String(settled[1]?.status === 'rejected' && settled[1].reason), /no result/);
});
