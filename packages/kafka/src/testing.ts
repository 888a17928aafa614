/** Fixtures for tests of this package and of its users (`@hookstream/kafka/testing`). */
export { deliveryTaskFixture } from './messages/delivery-task.fixture.js';
export { FIXTURE_AT, FIXTURE_SECRET, subscriptionFixture } from './messages/subscription-record.fixture.js';
