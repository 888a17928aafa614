/**
 * Testcontainers path, for machines with a Docker engine (HOOKSTREAM_TEST_CONTAINERS=1).
 * Loaded only there, so machines without Docker never import the Docker client.
 */
export async function startKafkaContainer(): Promise<{ brokers: string; stop: () => Promise<void> }> {
  const { KafkaContainer } = await import('@testcontainers/kafka');
  const container = await new KafkaContainer('apache/kafka:3.9.1').withKraft().start();
  return {
    brokers: `${container.getHost()}:${container.getMappedPort(9093)}`,
    stop: async () => {
      await container.stop();
    },
  };
}

export async function startPostgresContainer(): Promise<{ adminUrl: string; stop: () => Promise<void> }> {
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:16-alpine').start();
  const url = new URL(container.getConnectionUri());
  url.pathname = '/postgres';
  return {
    adminUrl: url.toString(),
    stop: async () => {
      await container.stop();
    },
  };
}
