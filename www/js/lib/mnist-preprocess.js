// Input handling for a digit drawn by hand: make it look like an MNIST digit before it reaches
// the model. Pure functions, no DOM.
//
// MNIST's recipe: the ink's bounding box is scaled (keeping its aspect ratio) to fit a 20×20 box,
// with area averaging, and placed in a 28×28 field so that its centre of mass is at the centre.
//
//   toMnist(ink, width, height) -> Float32Array(784) (0 = background, 1 = ink), or null if blank

const BOX = 20;
const SIZE = 28;

/** The bounding box of values above `threshold`: { top, left, bottom, right } (inclusive) or null. */
export function boundingBox(ink, width, height, threshold = 0.05) {
  let top = height, left = width, bottom = -1, right = -1;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (ink[y * width + x] > threshold) {
        if (y < top) top = y;
        if (y > bottom) bottom = y;
        if (x < left) left = x;
        if (x > right) right = x;
      }
    }
  }
  return bottom < 0 ? null : { top, left, bottom, right };
}

/** Area-average a region of `ink` into an outW × outH image. */
export function resample(ink, width, box, outW, outH) {
  const bw = box.right - box.left + 1;
  const bh = box.bottom - box.top + 1;
  const out = new Float32Array(outW * outH);
  for (let oy = 0; oy < outH; oy += 1) {
    const y0 = box.top + (oy * bh) / outH;
    const y1 = box.top + ((oy + 1) * bh) / outH;
    for (let ox = 0; ox < outW; ox += 1) {
      const x0 = box.left + (ox * bw) / outW;
      const x1 = box.left + ((ox + 1) * bw) / outW;
      let sum = 0;
      let area = 0;
      for (let y = Math.floor(y0); y < Math.ceil(y1); y += 1) {
        const wy = Math.min(y + 1, y1) - Math.max(y, y0);
        if (wy <= 0) continue;
        for (let x = Math.floor(x0); x < Math.ceil(x1); x += 1) {
          const wx = Math.min(x + 1, x1) - Math.max(x, x0);
          if (wx <= 0) continue;
          sum += wx * wy * ink[y * width + x];
          area += wx * wy;
        }
      }
      out[oy * outW + ox] = area > 0 ? sum / area : 0;
    }
  }
  return out;
}

/** Centre of mass { y, x } of an image, in pixel units with pixel centres at i + 0.5. */
export function centreOfMass(img, width, height) {
  let m = 0, sy = 0, sx = 0;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const v = img[y * width + x];
      m += v;
      sy += v * (y + 0.5);
      sx += v * (x + 0.5);
    }
  }
  return m > 0 ? { y: sy / m, x: sx / m } : { y: height / 2, x: width / 2 };
}

/** A drawing (ink values 0–1, row-major width × height) as a 28×28 MNIST-style digit, or null if blank. */
export function toMnist(ink, width, height) {
  const box = boundingBox(ink, width, height);
  if (!box) return null;
  const bw = box.right - box.left + 1;
  const bh = box.bottom - box.top + 1;
  const scale = BOX / Math.max(bw, bh);
  const w = Math.max(1, Math.min(BOX, Math.round(bw * scale)));
  const h = Math.max(1, Math.min(BOX, Math.round(bh * scale)));
  const small = resample(ink, width, box, w, h);
  const com = centreOfMass(small, w, h);
  const oy = Math.round(SIZE / 2 - com.y);
  const ox = Math.round(SIZE / 2 - com.x);
  const out = new Float32Array(SIZE * SIZE);
  for (let y = 0; y < h; y += 1) {
    const ty = y + oy;
    if (ty < 0 || ty >= SIZE) continue;
    for (let x = 0; x < w; x += 1) {
      const tx = x + ox;
      if (tx < 0 || tx >= SIZE) continue;
      out[ty * SIZE + tx] = Math.min(1, Math.max(0, small[y * w + x]));
    }
  }
  return out;
}
