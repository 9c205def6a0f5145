// A drawing pad for one digit (pointer events: mouse, pen, touch). Reports the ink as values
// 0–1 (the canvas alpha) after every stroke segment, throttled to one report per frame.
const SIZE = 280;

export class DrawPad {
  constructor(canvas, { onInk }) {
    this.canvas = canvas;
    this.onInk = onInk;
    canvas.width = SIZE;
    canvas.height = SIZE;
    this.ctx = canvas.getContext('2d', { willReadFrequently: true });
    this.drawing = false;
    this.last = null;
    this.frame = 0;
    canvas.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      canvas.setPointerCapture?.(e.pointerId);
      this.drawing = true;
      this.last = this.point(e);
      this.segment(this.last, this.last);
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.drawing) return;
      const p = this.point(e);
      this.segment(this.last, p);
      this.last = p;
    });
    const end = () => { this.drawing = false; this.last = null; };
    canvas.addEventListener('pointerup', end);
    canvas.addEventListener('pointercancel', end);
  }

  point(e) {
    const r = this.canvas.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * SIZE, y: ((e.clientY - r.top) / r.height) * SIZE };
  }

  segment(a, b) {
    const ctx = this.ctx;
    ctx.strokeStyle = '#000';
    ctx.lineWidth = 20;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.beginPath();
    ctx.moveTo(a.x, a.y);
    ctx.lineTo(b.x + 0.01, b.y);
    ctx.stroke();
    this.report();
  }

  report() {
    this.frame ||= requestAnimationFrame(() => {
      this.frame = 0;
      this.onInk(this.ink(), SIZE, SIZE);
    });
  }

  /** Forget a pending report (when the page unmounts). */
  destroy() {
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
  }

  ink() {
    const rgba = this.ctx.getImageData(0, 0, SIZE, SIZE).data;
    const out = new Float32Array(SIZE * SIZE);
    for (let i = 0; i < out.length; i += 1) out[i] = rgba[4 * i + 3] / 255;
    return out;
  }

  clear() {
    this.ctx.clearRect(0, 0, SIZE, SIZE);
    this.onInk(null, SIZE, SIZE);
  }
}
