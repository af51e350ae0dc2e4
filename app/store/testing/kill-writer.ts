/**
 * Child process for the kill-mid-save test: saves ever-larger revisions of one graph in a tight loop and prints
 * each revision number after its save has committed. The test SIGKILLs it at an arbitrary moment.
 * Usage: node --import tsx app/store/testing/kill-writer.ts <database path>
 */
import { GraphStore } from '../graph-store.ts';
import { KILL_TEST_GRAPH, writerDocument } from './documents.ts';

const path = process.argv[2];
if (!path) {
  console.error('usage: kill-writer.ts <database path>');
  process.exit(2);
}
const store = GraphStore.open({ path });
const existing = store.listGraphs().find((graph) => graph.name === KILL_TEST_GRAPH);
let next = existing ? existing.revision + 1 : 1;
if (next === 1) {
  store.createGraph(KILL_TEST_GRAPH, writerDocument(1), 'revision 1');
  process.stdout.write('1\n');
  next = 2;
}
for (;;) {
  store.saveGraph(KILL_TEST_GRAPH, writerDocument(next), `revision ${next}`);
  // Pipes are written synchronously on Linux, so the number is out before the next save starts.
  process.stdout.write(`${next}\n`);
  next += 1;
}
