import { testDatabases } from '../__testUtils__/databases';
import { withStartupLock } from './migrate';

const databases = testDatabases();

describe('withStartupLock', () => {
  it.each(databases.eachSupportedId())(
    'lets one replica at a time through start-up on %p',
    async id => {
      const db = await databases.init(id);
      const events: string[] = [];
      const startUp = (name: string) =>
        withStartupLock(db, async () => {
          events.push(`${name} in`);
          await new Promise(r => setTimeout(r, 200));
          events.push(`${name} out`);
          return name;
        });
      // Two replicas' start-ups at once.
      const results = await Promise.all([startUp('a'), startUp('b')]);
      expect(results).toEqual(['a', 'b']);
      // PostgreSQL: never interleaved, one start-up ends before the other
      // begins. SQLite (one process): no lock is taken, both run at once.
      const possible = id.startsWith('POSTGRES')
        ? [
            ['a in', 'a out', 'b in', 'b out'],
            ['b in', 'b out', 'a in', 'a out'],
          ]
        : [['a in', 'b in', 'a out', 'b out']];
      expect(possible).toContainEqual(events);
    },
  );
});
