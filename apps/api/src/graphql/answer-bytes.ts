import type { Result } from './response-cache/response-store';
import { resultAsBytes } from './response-cache/versioned-response-cache';

/** Lists longer than this are written item by item when an answer is written in pieces. */
const PIECEWISE_LIST = 8;

/**
 * An answer's JSON text (as `JSON.stringify` writes it, plus Apollo's trailing newline) in UTF-8,
 * and whether it holds any text beyond ASCII. `piecewise` writes each item of the longer lists on
 * its own: V8 writes a whole answer in two-byte characters from the first string beyond Latin-1
 * it meets (an en dash in one label), which doubles `JSON.stringify` and makes UTF-8 encoding about
 * five times slower (the national coverage table: 224 → 131 µs); in pieces, only the items holding
 * such text are. Not worth it for answers of ASCII: the caller picks by the last answer.
 */
export function answerBytes(result: Result, piecewise: boolean): { bytes: Buffer; beyondAscii: boolean } {
  if (!piecewise) {
    const { bytes, characters } = resultAsBytes(result);
    return { bytes, beyondAscii: bytes.length !== characters };
  }
  const pieces: string[] = [];
  write(result, pieces);
  pieces.push('\n');
  let characters = 0;
  for (const piece of pieces) {
    characters += piece.length;
  }
  // Each piece encoded into one buffer, then copied out once: not a buffer per piece and their concatenation
  // (the national coverage table's ~130 pieces: 75 → 62 µs). UTF-8 takes at most 3 bytes a UTF-16 unit
  // (4 for a surrogate pair's 2; JSON.stringify escapes a lone one), so that room always holds the answer.
  const own = characters * 3 > KEPT_ROOM;
  const into = own
    ? Buffer.allocUnsafe(pieces.reduce((sum, piece) => sum + Buffer.byteLength(piece), 0))
    : (kept ??= Buffer.allocUnsafe(KEPT_ROOM));
  let length = 0;
  for (const piece of pieces) {
    length += into.write(piece, length);
  }
  return { bytes: own ? into : Buffer.from(into.subarray(0, length)), beyondAscii: length !== characters };
}

/** Room kept between answers for encoding one in pieces; a longer answer is measured and written into its own. */
const KEPT_ROOM = 256 * 1024;
let kept: Buffer | undefined;

const isLongList = (value: unknown): value is unknown[] => Array.isArray(value) && value.length > PIECEWISE_LIST;

/** Written piece by piece: a long list or a plain object (anything else is one piece). */
const walked = (value: unknown): boolean => isLongList(value) || isPlainRecord(value);

/** (A `toJSON` of a value inside is called with '' for its key: no value of an answer reads it.) */
function write(value: unknown, pieces: string[]): void {
  if (isLongList(value)) {
    pieces.push('[');
    for (let i = 0; i < value.length; i++) {
      // As JSON.stringify writes an array's items: nothing it leaves out of objects is left out here.
      pieces.push(i === 0 ? '' : ',', JSON.stringify(value[i]) ?? 'null');
    }
    pieces.push(']');
    return;
  }
  if (isPlainRecord(value)) {
    pieces.push('{');
    let first = true;
    for (const key of Object.keys(value)) {
      const field = value[key];
      if (walked(field)) {
        pieces.push(first ? '' : ',', JSON.stringify(key), ':');
        write(field, pieces);
      } else {
        // Left out where JSON.stringify leaves it out of an object: undefined, functions, symbols, a toJSON giving undefined.
        const text = JSON.stringify(field) as string | undefined;
        if (text === undefined) {
          continue;
        }
        pieces.push(first ? '' : ',', JSON.stringify(key), ':', text);
      }
      first = false;
    }
    pieces.push('}');
    return;
  }
  pieces.push(JSON.stringify(value) ?? 'null');
}

/** An object JSON.stringify writes key by key itself: no `toJSON` of its own to call. */
function isPlainRecord(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  return (
    (prototype === Object.prototype || prototype === null) &&
    typeof (value as { toJSON?: unknown }).toJSON !== 'function'
  );
}
