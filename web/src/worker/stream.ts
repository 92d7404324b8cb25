// The pace of continuous training for one session. While the page plays, the
// worker trains without waiting for it, up to `ahead` epochs past the last
// picture it sent, and answers the page's one outstanding request as soon as
// that is reached (every picture shows `ahead` new epochs), or, when training
// is slower than the page, once at least one new epoch is there and
// MIN_REPLY_INTERVAL_MS have passed since the last answer. So training speed
// does not depend on the frame rate, and the page is never more than one
// picture behind. No DOM and no engine here: the worker drives it.

// Pictures are due at most this often when each takes many epochs (50 a
// second): with a picture costing ~3 ms of the worker's time, the maps still
// follow at >= 30 a second while most of the time goes to training.
export const MIN_REPLY_INTERVAL_MS = 20;

export interface StreamState {
  epoch: number; // the session's epoch now
  training: boolean; // the session can train on (not diverged, not at the epoch limit)
}

export class StreamPace {
  private ahead: number;
  private target: number; // train up to this epoch
  private shown: number; // the epoch of the last answer
  private repliedAt: number;
  private pendingId: number | null = null;

  constructor(epoch: number, ahead: number, now: number) {
    this.ahead = StreamPace.clampAhead(ahead);
    this.shown = epoch;
    this.target = epoch + this.ahead;
    this.repliedAt = now;
  }

  static clampAhead(ahead: number): number {
    return Number.isFinite(ahead) ? Math.max(1, Math.floor(ahead)) : 1;
  }

  get pending(): number | null {
    return this.pendingId;
  }

  // The page asks for its next picture (`ahead` epochs a picture from now on).
  ask(id: number, ahead: number): void {
    this.pendingId = id;
    const next = StreamPace.clampAhead(ahead);
    if (next !== this.ahead) {
      this.ahead = next;
      this.target = this.shown + next;
    }
  }

  wantsTraining(s: StreamState): boolean {
    return s.training && s.epoch < this.target;
  }

  // An answer is due: the picture's epochs are trained, training cannot go on,
  // or training is slow and the page has waited long enough for something new.
  due(s: StreamState, now: number): boolean {
    if (this.pendingId === null) return false;
    if (!s.training || s.epoch >= this.target) return true;
    return s.epoch > this.shown && now - this.repliedAt >= MIN_REPLY_INTERVAL_MS;
  }

  // No request yet, but one would be due by the clock: the worker makes the
  // picture now (and trains on), so the page's request is answered at once.
  pictureDue(s: StreamState, now: number): boolean {
    return this.pendingId === null && s.epoch > this.shown && now - this.repliedAt >= MIN_REPLY_INTERVAL_MS;
  }

  // The answer went out at `epoch`: the next picture's epochs are trained ahead.
  replied(epoch: number, now: number): void {
    this.pendingId = null;
    this.shown = epoch;
    this.target = epoch + this.ahead;
    this.repliedAt = now;
  }
}
