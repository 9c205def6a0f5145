// The site's real handwritten digits (data/digits.bin.gz, 8,000 train / 2,000 test, see
// data/LICENSE-digits.txt), un-gzipped in the browser and parsed (and validated) by the core.
//
//   const digits = await loadDigits(core);   // a core.Digits handle, loaded once per page
//   digits.image('test', 0) -> Float32Array(784), values 0..1;  digits.label('test', 0) -> 0..9

const URL_DIGITS = new URL('../../data/digits.bin.gz', import.meta.url);
let loading = null;

/** Fetch, un-gzip and parse the digit file once; rejects with a message that says what failed. */
export function loadDigits(core) {
  loading ??= (async () => {
    const response = await fetch(URL_DIGITS);
    if (!response.ok) throw new Error(`could not load the digits (${URL_DIGITS.pathname}: HTTP ${response.status})`);
    const stream = response.body.pipeThrough(new DecompressionStream('gzip'));
    const bytes = new Uint8Array(await new Response(stream).arrayBuffer());
    return new core.Digits(bytes);
  })().catch((err) => {
    loading = null;
    throw new Error(err.message.startsWith('could not load') ? err.message : `could not load the digits: ${err.message}`);
  });
  return loading;
}
