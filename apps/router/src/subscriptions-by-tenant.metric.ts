import { topWithOther } from '@hookstream/service-kit';
import { Gauge, type Registry } from 'prom-client';

/**
 * `hookstream_router_subscriptions_by_tenant{tenant}`: subscriptions in this instance's view for
 * the `limit` tenants with the most, the rest summed as tenant="other", so the series stay
 * bounded however many tenants there are. Computed from the view on each scrape.
 */
export function registerSubscriptionsByTenant(
  registry: Registry,
  countsByTenant: () => ReadonlyMap<string, number>,
  limit: number,
): Gauge<'tenant'> {
  return new Gauge({
    name: 'hookstream_router_subscriptions_by_tenant',
    help: `Subscriptions in this instance's view per tenant, the ${limit} largest by id and the rest as other`,
    labelNames: ['tenant'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [tenant, count] of topWithOther(countsByTenant(), limit)) this.set({ tenant }, count);
    },
  });
}
