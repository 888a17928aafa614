import type { Producer } from 'kafkajs';
import type { BenchOptions } from '../options.js';
import type { ResultRow } from '../report/results.js';
import type { ResourceMonitor } from './monitor.js';
import type { Platform } from './platform.js';
import type { ReceiverClient } from './receiver-client.js';

/** What every scenario gets: the running platform, the receiver, a producer, and where to report. */
export interface BenchContext {
  options: BenchOptions;
  root: string;
  brokers: string[];
  /** Short id of this run, lowercase alphanumerics; part of every event id and group id. */
  run: string;
  resultsDir: string;
  platform: Platform;
  producer: Producer;
  receiver: ReceiverClient;
  monitor: ResourceMonitor;
  /** Pids of helper processes the monitor measures besides the services (the receiver, the raw consumer). */
  helperPids: Record<string, number | undefined>;
  rows: ResultRow[];
  details: Record<string, unknown>;
  log: (line: string) => void;
}
