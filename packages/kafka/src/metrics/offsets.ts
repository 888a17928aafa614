/** One partition's offsets as the admin client reports them (strings, as kafkajs gives them). */
export interface PartitionOffsets {
  partition: number;
  /** Offset of the first record still retained. */
  low: string;
  /** Offset the next record will get: records ever written to the partition. */
  high: string;
}

/** A group's committed offset on one partition; "-1" when it has committed none. */
export interface CommittedOffset {
  partition: number;
  offset: string;
}

export interface PartitionLag {
  partition: number;
  /** Records the group has still to process, never negative. */
  lag: number;
}

/**
 * Lag per partition: high watermark minus the committed offset. A partition where the group has
 * committed nothing counts every retained record (the group will read from the earliest).
 * A committed offset below the low watermark (records already deleted) counts from `low`.
 */
export function partitionLags(
  ends: readonly PartitionOffsets[],
  committed: readonly CommittedOffset[],
): PartitionLag[] {
  const byPartition = new Map(committed.map((entry) => [entry.partition, Number(entry.offset)]));
  return ends.map(({ partition, low, high }) => {
    const committedOffset = byPartition.get(partition) ?? -1;
    const from = Math.max(committedOffset, Number(low));
    return { partition, lag: Math.max(0, Number(high) - from) };
  });
}

/** Records ever written to a topic (sum of high watermarks) and still retained (high − low). */
export function topicCounts(ends: readonly PartitionOffsets[]): { written: number; retained: number } {
  let written = 0;
  let retained = 0;
  for (const { low, high } of ends) {
    written += Number(high);
    retained += Math.max(0, Number(high) - Number(low));
  }
  return { written, retained };
}
