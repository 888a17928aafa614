import { checkUrl, type EgressPolicy, guardedConnector, policyFromEnv } from '@hookstream/egress-guard';
import { ProblemException } from '@hookstream/service-kit';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { Agent } from 'undici';
import { API_ENV, type ApiEnv } from '../env.js';

/**
 * The SSRF guard as the API uses it: `assertAllowedUrl` answers 400 naming `url` for what the
 * URL alone shows (scheme, userinfo, port, a literal private address, localhost), and
 * `dispatcher` is the agent the test send goes through, which resolves once and connects only
 * to an address the policy allows (a name resolving to a private address is refused there).
 */
@Injectable()
export class EgressGuard implements OnModuleDestroy {
  readonly policy: EgressPolicy;
  readonly dispatcher: Agent;

  constructor(@Inject(API_ENV) env: ApiEnv) {
    this.policy = policyFromEnv(env, env.HOOKSTREAM_ENV);
    this.dispatcher = new Agent({ connect: guardedConnector(this.policy) });
  }

  /** A refusal message for this URL, or undefined when the URL may be used. */
  refusal(url: string): string | undefined {
    const verdict = checkUrl(url, this.policy);
    return verdict.ok ? undefined : verdict.message;
  }

  assertAllowedUrl(url: string): void {
    const message = this.refusal(url);
    if (message !== undefined) throw ProblemException.validation([{ field: 'url', message }]);
  }

  async onModuleDestroy(): Promise<void> {
    await this.dispatcher.close();
  }
}
