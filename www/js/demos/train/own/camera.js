// The webcam, where the browser allows it: asked for only when the student presses "Start camera"
// (the browser asks them for permission), shown in a <video> on the page, and read frame by frame
// into a canvas in this tab. Nothing is recorded or sent anywhere. The stream stops on "Stop
// camera" and when the page unmounts (demo.own(camera) calls destroy()).
import { el } from '../../../lib/dom.js';

/** Why the camera could not start, in words, from getUserMedia's error. */
export function cameraProblem(err) {
  switch (err?.name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'The camera was not allowed (by you, the browser or the page embedding this one). Draw or upload examples instead.';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'No camera was found on this device. Draw or upload examples instead.';
    case 'NotReadableError':
    case 'AbortError':
      return 'The camera is in use by another program or could not be started. Draw or upload examples instead.';
    default:
      return `The camera could not be started (${err?.message || 'no reason given'}). Draw or upload examples instead.`;
  }
}

export class Camera {
  /** `video`: the page's <video> element that shows the camera's picture. */
  constructor(video) {
    this.video = video;
    this.stream = null;
    this.starting = null;
    this.destroyed = false;
    this.canvas = el('canvas');
  }

  /** Whether this browser offers a camera to this page at all (a secure page with mediaDevices). */
  static available() {
    return Boolean(globalThis.isSecureContext && navigator.mediaDevices?.getUserMedia);
  }

  get running() {
    return this.stream !== null;
  }

  /** Ask for the camera and show it; throws an Error in words when it cannot start. */
  start() {
    if (this.stream) return Promise.resolve();
    // A second press while the browser is still asking waits for the same answer (one stream).
    this.starting ??= this.open().finally(() => {
      this.starting = null;
    });
    return this.starting;
  }

  async open() {
    if (!Camera.available()) throw new Error('This browser does not offer a camera to this page. Draw or upload examples instead.');
    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 }, facingMode: 'environment' }, audio: false });
    } catch (err) {
      throw new Error(cameraProblem(err));
    }
    if (this.destroyed) {
      for (const track of stream.getTracks()) track.stop();
      return;
    }
    this.stream = stream;
    this.video.srcObject = stream;
    this.video.hidden = false;
    await this.video.play().catch(() => {});
  }

  /** The current frame as RGBA pixels: { rgba, width, height }, or null before the first frame. */
  frame() {
    const { video, canvas } = this;
    if (!this.stream || !video.videoWidth || !video.videoHeight) return null;
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    ctx.drawImage(video, 0, 0);
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    return { rgba: data, width: canvas.width, height: canvas.height };
  }

  stop() {
    for (const track of this.stream?.getTracks() ?? []) track.stop();
    this.stream = null;
    this.video.srcObject = null;
    this.video.hidden = true;
  }

  destroy() {
    this.destroyed = true;
    this.stop();
  }
}
