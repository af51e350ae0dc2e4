/**
 * Checks an FFmpeg video filter string before anything runs, and says what is wrong in words:
 * an unknown filter (with the nearest name), a source or an audio filter where video flows, or
 * the segment FFmpeg rejects and why. FFmpeg's own log lines arrive asynchronously, so the
 * diagnosis is rebuilt here from the filter registry and by parsing segment by segment.
 */
import { FFmpegError, Filter, FilterGraph, Log } from 'node-av';
import { AV_LOG_QUIET, AVMEDIA_TYPE_VIDEO } from 'node-av/constants';
import { suggest } from '../catalog/values.ts';

const SOURCE = 'buffer=video_size=64x48:pix_fmt=yuv420p:time_base=1/1000000:pixel_aspect=1/1';

/** Parses and configures `buffer -> command -> buffersink`; 0 or a negative AVERROR. */
function tryGraph(command: string): number {
  const graph = new FilterGraph();
  graph.alloc();
  // Trial parses are expected to fail: keep FFmpeg's own complaints off stderr.
  const level = Log.getLevel();
  Log.setLevel(AV_LOG_QUIET);
  try {
    const ret = graph.parsePtr(`${SOURCE} [fluo_in]; [fluo_in] ${command} [fluo_out]; [fluo_out] buffersink`);
    return ret < 0 ? ret : graph.configSync();
  } finally {
    Log.setLevel(level);
    graph.free();
  }
}

/** Top-level filter segments (split at ',' and ';' outside quotes and brackets). */
function segments(command: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = false;
  let current = '';
  for (let i = 0; i < command.length; i++) {
    const c = command[i]!;
    if (c === '\\') {
      current += c + (command[++i] ?? '');
      continue;
    }
    if (c === "'") quote = !quote;
    if (!quote && c === '[') depth++;
    if (!quote && c === ']') depth--;
    if (!quote && depth === 0 && (c === ',' || c === ';')) {
      out.push(current.trim());
      current = '';
      continue;
    }
    current += c;
  }
  out.push(current.trim());
  return out.filter((s) => s.length > 0);
}

/** The filter name of a segment like "[a]scale=320:240[b]". */
function filterName(segment: string): string {
  return segment.replace(/^(\s*\[[^\]]*\])*\s*/, '').split(/[=@[\s]/)[0] ?? '';
}

let videoFilterNames: string[] | undefined;

function knownVideoFilters(): string[] {
  videoFilterNames ??= Filter.getList()
    .filter((f) => f.inputs.some((p) => p.type === AVMEDIA_TYPE_VIDEO) && f.outputs.some((p) => p.type === AVMEDIA_TYPE_VIDEO))
    .map((f) => f.name ?? '')
    .filter(Boolean);
  return videoFilterNames;
}

/** Undefined when the string works as a video filter graph, else what is wrong. */
export function checkFilterGraph(command: string): string | undefined {
  if (command.trim() === '') return 'the filter string is empty';
  const ret = tryGraph(command);
  if (ret >= 0) return undefined;
  for (const segment of segments(command)) {
    const name = filterName(segment);
    const filter = name ? Filter.getByName(name) : null;
    if (!filter) return `FFmpeg has no filter '${name || segment}'${suggest(name, knownVideoFilters())}`;
    if (filter.inputs.length === 0) return `'${name}' is a source filter: it makes media instead of filtering the video it is given`;
    if (!filter.inputs.some((p) => p.type === AVMEDIA_TYPE_VIDEO)) return `'${name}' filters audio, not video`;
  }
  for (const segment of segments(command)) {
    if (/^\s*\[|\]\s*$/.test(segment)) continue; // labelled segments only make sense together
    const alone = tryGraph(segment);
    if (alone < 0) return `FFmpeg rejects '${segment}': ${FFmpegError.strerror(alone)}`;
  }
  return `FFmpeg rejects the filter graph: ${FFmpegError.strerror(ret)}`;
}
