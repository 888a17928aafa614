/** Scenarios in the order they run; each can be chosen with --only. */
export const SCENARIOS = ['match', 'raw', 'platform', 'worker', 'fanout', 'latency', 'crash', 'hol'] as const;
export type ScenarioId = (typeof SCENARIOS)[number];

export interface BenchOptions {
  scenarios: ScenarioId[];
  quick: boolean;
  /** Events of the raw and fan-out-1 bursts. */
  burstEvents: number;
  /** Events of the fan-out-10 burst (each becomes 10 deliveries). */
  fanoutEvents: number;
  /** Seconds at 1,000 events/s for the latency scenario. */
  latencySeconds: number;
  /** Seconds at 200 events/s for each half (absent, present) of the head-of-line scenario. */
  holSeconds: number;
  /** Seconds at 500 events/s for the crash scenario. */
  crashSeconds: number;
  /** Bound on waiting for deliveries after a phase's last produce, seconds. */
  waitSeconds: number;
  /** Subscriptions and tenants of the in-process matching scenario. */
  matchSubscriptions: number;
  matchTenants: number;
  /** Write CPU profiles of the router and worker (node --cpu-prof) and summarise them. */
  cpuProf: boolean;
  /** Results folder; default bench-results/<timestamp>. */
  out: string | null;
}

const FULL: Omit<BenchOptions, 'scenarios' | 'quick' | 'cpuProf' | 'out'> = {
  burstEvents: 20_000,
  fanoutEvents: 2_000,
  latencySeconds: 15,
  holSeconds: 15,
  crashSeconds: 40,
  waitSeconds: 60,
  matchSubscriptions: 100_000,
  matchTenants: 1_000,
};

/**
 * A smoke run: every path exercised with small counts. Matching keeps the full run's density
 * (100 subscriptions per tenant, which is what a per-event lookup sees) with a fifth of the tenants.
 */
const QUICK: typeof FULL = {
  burstEvents: 3_000,
  fanoutEvents: 300,
  latencySeconds: 5,
  holSeconds: 5,
  crashSeconds: 20,
  waitSeconds: 10,
  matchSubscriptions: 20_000,
  matchTenants: 200,
};

export const USAGE = `usage: ./hookstream bench [--quick] [--only ${SCENARIOS.join(',')}] [--events N] [--seconds N]
                        [--wait N] [--cpu-prof] [--out DIR]
  --quick      ~1 min smoke: small counts, short phases, no crash scenario (unless named in --only)
  --only       comma-separated scenarios (default: all; RSS is reported whenever services ran)
  --events N   events of the raw and fan-out-1 bursts (fan-out 10 uses N/10 events)
  --seconds N  length of each steady phase (latency, each head-of-line half, crash)
  --wait N     bound on waiting for late deliveries after a phase, seconds
  --cpu-prof   run the router and worker under node --cpu-prof and summarise where their time went
  --out DIR    results folder (default bench-results/<timestamp>)`;

function positive(flag: string, value: string | undefined, max: number): number {
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0 || parsed > max)
    throw new Error(`${flag} needs a whole number from 1 to ${max}, got "${value ?? ''}"`);
  return parsed;
}

/** Command-line flags to options; throws with a message naming the flag on bad input. */
export function parseBenchArgs(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const options: BenchOptions = {
    ...(quick ? QUICK : FULL),
    scenarios: SCENARIOS.filter((id) => !(quick && id === 'crash')),
    quick,
    cpuProf: false,
    out: null,
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = argv[i + 1];
    switch (flag) {
      case '--quick':
        break;
      case '--cpu-prof':
        options.cpuProf = true;
        break;
      case '--only': {
        const names = (value ?? '').split(',').filter(Boolean);
        const unknown = names.filter((name) => !(SCENARIOS as readonly string[]).includes(name));
        if (names.length === 0 || unknown.length > 0)
          throw new Error(
            `--only takes a list of ${SCENARIOS.join(', ')}; unknown: ${unknown.join(', ') || '(empty)'}`,
          );
        options.scenarios = SCENARIOS.filter((id) => names.includes(id));
        i += 1;
        break;
      }
      case '--events':
        options.burstEvents = positive(flag, value, 200_000);
        options.fanoutEvents = Math.max(1, Math.floor(options.burstEvents / 10));
        i += 1;
        break;
      case '--seconds': {
        const seconds = positive(flag, value, 300);
        options.latencySeconds = seconds;
        options.holSeconds = seconds;
        options.crashSeconds = Math.max(seconds, 10);
        i += 1;
        break;
      }
      case '--wait':
        options.waitSeconds = positive(flag, value, 600);
        i += 1;
        break;
      case '--out':
        if (!value) throw new Error('--out needs a folder');
        options.out = value;
        i += 1;
        break;
      default:
        throw new Error(`unknown option "${flag}"\n${USAGE}`);
    }
  }
  return options;
}
