/** Kafka header names the platform sets; kept here so producers and readers agree. */
export const HEADERS = {
  /** On quarantined events: machine-readable reason code (invalid_json, unknown_type, ...). */
  quarantineCode: 'hookstream-quarantine-code',
  /** On quarantined events: the reason in words, naming the failing field. */
  quarantineReason: 'hookstream-quarantine-reason',
  /** Where a quarantined or dead-lettered record came from: topic/partition/offset. */
  sourceTopic: 'hookstream-source-topic',
  sourcePartition: 'hookstream-source-partition',
  sourceOffset: 'hookstream-source-offset',
  /** On dead-lettered tasks: why the platform gave up. */
  deadLetterReason: 'hookstream-dead-letter-reason',
} as const;
