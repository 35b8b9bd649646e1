/**
 * A rewritten copy of a message (folded, numerals as digits, separators dropped) that remembers where each
 * of its characters came from, so that what a pattern finds in the copy can be quoted to a reviewer as the
 * citizen wrote it, not as the copy reads.
 */
export interface TextView {
  /** The text as written. */
  readonly source: string;
  /** The rewritten copy that patterns run on. */
  readonly text: string;
  /** For each UTF-16 unit of `text`, where the span of `source` it came from starts. */
  readonly starts: readonly number[];
  /** For each UTF-16 unit of `text`, where the span of `source` it came from ends (exclusive). */
  readonly ends: readonly number[];
}

/** One rewrite: `length` units of the view from `index` become `by`. */
interface Rewrite {
  index: number;
  length: number;
  by: string;
}

/** The text itself, each unit coming from its own position. */
export function viewOf(source: string): TextView {
  const starts = Array.from({ length: source.length }, (_, i) => i);
  return { source, text: source, starts, ends: starts.map((i) => i + 1) };
}

/**
 * Applies rewrites (ascending, not overlapping). Every unit of a rewrite's replacement comes from the whole
 * span the rewritten units came from; an empty replacement drops them.
 */
function rewrite(view: TextView, rewrites: Iterable<Rewrite>): TextView {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let at = 0;
  const keep = (until: number) => {
    text += view.text.slice(at, until);
    starts.push(...view.starts.slice(at, until));
    ends.push(...view.ends.slice(at, until));
  };
  for (const { index, length, by } of rewrites) {
    keep(index);
    const start = view.starts[index]!;
    const end = view.ends[index + length - 1]!;
    text += by;
    for (let i = 0; i < by.length; i++) {
      starts.push(start);
      ends.push(end);
    }
    at = index + length;
  }
  keep(view.text.length);
  return { source: view.source, text, starts, ends };
}

let segmenter: Intl.Segmenter | null = null;

/**
 * Each user-perceived character (a grapheme: a character with its combining marks, an emoji sequence)
 * rewritten on its own, so normalisation that composes marks still sees them together.
 */
export function mapGraphemes(view: TextView, rewriteOne: (grapheme: string) => string): TextView {
  segmenter ??= new Intl.Segmenter('zh', { granularity: 'grapheme' });
  const rewrites: Rewrite[] = [];
  for (const { segment, index } of segmenter.segment(view.text)) {
    const by = rewriteOne(segment);
    if (by !== segment) rewrites.push({ index, length: segment.length, by });
  }
  return rewrite(view, rewrites);
}

/** Every match of a global pattern replaced by what `replacement` makes of it (as String.replace would). */
export function replaceInView(view: TextView, pattern: RegExp, replacement: (match: string) => string): TextView {
  if (!pattern.global) throw new TypeError('replaceInView needs a global pattern');
  const rewrites: Rewrite[] = [];
  for (const match of view.text.matchAll(pattern)) {
    if (match[0].length > 0) rewrites.push({ index: match.index, length: match[0].length, by: replacement(match[0]) });
  }
  return rewrite(view, rewrites);
}

/** The span of the text as written that units [start, end) of the view came from. */
export function sourceSpan(view: TextView, start: number, end: number): string {
  if (end <= start) return '';
  return view.source.slice(view.starts[start], view.ends[end - 1]);
}
