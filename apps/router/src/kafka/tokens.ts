/** Nest tokens for the router's Kafka objects, so tests can see what is injected where. */
export const ROUTER_KAFKA = Symbol('ROUTER_KAFKA');
export const SUBSCRIPTION_VIEW = Symbol('SUBSCRIPTION_VIEW');
