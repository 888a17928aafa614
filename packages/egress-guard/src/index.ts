export { type AddressCategory, classifyAddress, effectiveAddress } from './address-ranges.js';
export { EgressEnv, egressEnvShape, policyFromEnv } from './egress-env.js';
export {
  type AddressVerdict,
  checkAddress,
  DEFAULT_HTTPS_PORTS,
  type EgressPolicy,
  type EgressPolicyOptions,
  egressPolicy,
  InvalidCidrError,
  parseCidr,
} from './egress-policy.js';
export { type GuardedConnectorOptions, guardedConnector } from './guarded-connector.js';
export { EgressRefusedError, type Resolver, resolveChecked, systemResolver } from './guarded-resolve.js';
export { type IpAddress, parseIpHost } from './ip-address.js';
export { checkUrl, describeCategory, type UrlRefusal, type UrlVerdict } from './url-policy.js';
