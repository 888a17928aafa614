import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { describe, it } from 'node:test';

// The pure parts of the project's kafkajs patch (patches/kafkajs@2.2.4.patch), against
// references written here. The request-level parts are in kafkajs-patch.int.test.ts.
const require = createRequire(import.meta.url);
const murmur2 = require('kafkajs/src/producer/partitioners/default/murmur2.js') as (
  key: Buffer | string,
) => number;
const createRequest = require('kafkajs/src/protocol/request.js') as (input: {
  correlationId: number;
  clientId: string;
  request: { apiKey: number; apiVersion: number; encode: () => Promise<KafkajsEncoder> };
}) => Promise<KafkajsEncoder>;
/** kafkajs' protocol encoder, as much of it as the test uses. */
interface KafkajsEncoder {
  buffer: Buffer;
  size: () => number;
  writeBuffer: (value: Buffer) => KafkajsEncoder;
}
const Encoder = require('kafkajs/src/protocol/encoder.js') as new () => KafkajsEncoder;

/** Kafka's murmur2 (Utils.murmur2 in the Java client), in BigInt, written from its definition. */
function referenceMurmur2(data: Buffer): number {
  const int32 = (value: bigint) => BigInt.asIntN(32, value);
  const m = 0x5bd1e995n;
  let h = int32(0x9747b28cn ^ BigInt(data.length));
  const whole = data.length - (data.length % 4);
  for (let i = 0; i < whole; i += 4) {
    let k = int32(BigInt(data.readInt32LE(i)));
    k = int32(k * m);
    k = int32(k ^ (BigInt.asUintN(32, k) >> 24n));
    k = int32(k * m);
    h = int32(int32(h * m) ^ k);
  }
  const rest = data.length % 4;
  if (rest === 3) h = int32(h ^ (BigInt(data[whole + 2] ?? 0) << 16n));
  if (rest >= 2) h = int32(h ^ (BigInt(data[whole + 1] ?? 0) << 8n));
  if (rest >= 1) h = int32(int32(h ^ BigInt(data[whole] ?? 0)) * m);
  h = int32(h ^ (BigInt.asUintN(32, h) >> 13n));
  h = int32(h * m);
  h = int32(h ^ (BigInt.asUintN(32, h) >> 15n));
  return Number(h);
}

describe('the patched murmur2 (partitioning by key)', () => {
  // The Java client's own test vectors (UtilsTest.testMurmur2): a key lands on the partition
  // every Kafka client picks for it.
  const javaVectors: Array<[Buffer | string, number]> = [
    ['21', -973932308],
    ['foobar', -790332482],
    ['a-little-bit-long-string', -985981536],
    ['a-little-bit-longer-string', -1486304829],
    ['lkjh234lh9fiuh90y23oiuhsafujhadof229phr9h19h89h8', -58897971],
    [Buffer.from('abc'), 479470107],
  ];
  for (const [key, expected] of javaVectors) {
    it(`hashes ${JSON.stringify(String(key))} as the Java client does`, () => {
      assert.equal(murmur2(key), expected);
      assert.equal(referenceMurmur2(Buffer.from(key)), expected);
    });
  }

  it('agrees with the reference on 2,000 random keys of 0 to 99 bytes', () => {
    for (let index = 0; index < 2_000; index += 1) {
      const key = randomBytes(index % 100);
      assert.equal(murmur2(key), referenceMurmur2(key), `key ${key.toString('hex')}`);
    }
  });
});

describe('the patched request framing', () => {
  it('writes size, header and payload as the protocol defines them, in one buffer', async () => {
    const payload = randomBytes(1_000);
    const frame = await createRequest({
      correlationId: 42,
      clientId: 'hookstream-test',
      request: { apiKey: 0, apiVersion: 3, encode: async () => new Encoder().writeBuffer(payload) },
    });
    const clientId = Buffer.from('hookstream-test');
    const header = Buffer.alloc(2 + 2 + 4 + 2);
    header.writeInt16BE(0, 0);
    header.writeInt16BE(3, 2);
    header.writeInt32BE(42, 4);
    header.writeInt16BE(clientId.length, 8);
    const size = Buffer.alloc(4);
    size.writeInt32BE(header.length + clientId.length + payload.length, 0);
    assert.deepEqual(frame.buffer, Buffer.concat([size, header, clientId, payload]));
    assert.equal(frame.size(), frame.buffer.length);
  });
});
