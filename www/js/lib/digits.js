// The site's real handwritten digits (data/digits.bin.gz, 8,000 train / 2,000 test, see
// data/LICENSE-digits.txt), un-gzipped in the browser and parsed (and validated) by the core.
//
//   const digits = await loadDigits(core);   // a core.Digits handle, loaded once per core instance
//   digits.image('test', 0) -> Float32Array(784), values 0..1;  digits.label('test', 0) -> 0..9

const URL_DIGITS = new URL('../../data/digits.bin.gz', import.meta.url);
const loaded = new WeakMap(); // core instance → its Digits (a fresh core after a trap loads them again)

/** Fetch, un-gzip and parse the digit file once per core; rejects with a message that says what failed. */
export function loadDigits(core) {
  if (!loaded.has(core)) loaded.set(core, read(core));
  return loaded.get(core);
}

function read(core) {
  return (async () => {
    const response = await fetch(URL_DIGITS);
    if (!response.ok) throw new Error(`could not load the digits (${URL_DIGITS.pathname}: HTTP ${response.status})`);
    const stream = response.body.pipeThrough(new DecompressionStream('gzip'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    return new core.Digits(bytes);
  })().catch((err) => {
    loaded.delete(core);
    throw new Error(err.message.startsWith('could not load') ? err.message : `could not load the digits: ${err.message}`);
  });
}
