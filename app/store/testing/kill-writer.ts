/**
 * Child process for the kill-mid-save test: saves ever-larger revisions of one graph in a tight loop, printing
 * `begin N` just before saving revision N and `commit N` once that save has returned (committed). The test SIGKILLs
 * it at an arbitrary moment.
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
for (;;) {
  const document = writerDocument(next);
  // Pipes are written synchronously on Linux, so each line is out before the next step starts.
  process.stdout.write(`begin ${next}\n`);
  if (next === 1) store.createGraph(KILL_TEST_GRAPH, document, 'revision 1');
  else store.saveGraph(KILL_TEST_GRAPH, document, `revision ${next}`);
  process.stdout.write(`commit ${next}\n`);
  next += 1;
}
