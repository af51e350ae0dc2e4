/** The templates a new store is seeded with: Kurento's classic tutorials as ready-made graphs. */
import type { TemplateSeed } from '../store/graph-store.ts';
import { compositeGrid } from './composite-grid.ts';
import { helloWorld } from './hello-world.ts';
import { magicMirror } from './magic-mirror.ts';
import { oneToMany } from './one-to-many.ts';
import { player } from './player.ts';
import { recorder } from './recorder.ts';

export function builtinTemplates(): TemplateSeed[] {
  // Deep copies: a caller editing a seed must not change the next caller's.
  return [helloWorld, magicMirror, recorder, player, oneToMany, compositeGrid].map((seed) => structuredClone(seed));
}
