// An outside Kafka client: a kafkajs consumer group reads the platform's events and prints each
// as one JSON line {topic, partition, offset, key, value}, then exits.
//
//   node consume.mjs --brokers H:P,H:P --topic T --group G [--count N] [--timeout-ms MS]
//
// Exit code 0 after N messages, 1 when they did not arrive within the timeout.
import { Kafka, logLevel } from 'kafkajs';

const args = Object.fromEntries(
  process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []),
);
for (const required of ['brokers', 'topic', 'group']) {
  if (!args[required]) {
    console.error(`consume.mjs: --${required} is required`);
    process.exit(2);
  }
}
const count = Number(args.count ?? 1);
const timeoutMs = Number(args['timeout-ms'] ?? 30000);

const kafka = new Kafka({ clientId: 'outside-kafkajs', brokers: args.brokers.split(','), logLevel: logLevel.ERROR });
const consumer = kafka.consumer({ groupId: args.group, sessionTimeout: 10000, heartbeatInterval: 1000 });

let seen = 0;
const timer = setTimeout(async () => {
  console.error(`consume.mjs: ${seen} of ${count} messages within ${timeoutMs} ms`);
  await consumer.disconnect().catch(() => {});
  process.exit(1);
}, timeoutMs);

await consumer.connect();
await consumer.subscribe({ topics: [args.topic], fromBeginning: true });
await consumer.run({
  eachMessage: async ({ topic, partition, message }) => {
    console.log(
      JSON.stringify({
        topic,
        partition,
        offset: message.offset,
        key: message.key === null ? null : message.key.toString('utf8'),
        value: message.value === null ? null : JSON.parse(message.value.toString('utf8')),
      }),
    );
    seen += 1;
    if (seen >= count) {
      clearTimeout(timer);
      // Commits the offsets consumed (kafkajs commits after eachMessage) on the way out.
      setImmediate(async () => {
        await consumer.disconnect();
        process.exit(0);
      });
    }
  },
});
