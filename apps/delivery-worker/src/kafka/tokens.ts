export const WORKER_KAFKA = Symbol('WORKER_KAFKA');
export const SUBSCRIPTION_VIEW = Symbol('SUBSCRIPTION_VIEW');
export const DELIVER_TASK = Symbol('DELIVER_TASK');
