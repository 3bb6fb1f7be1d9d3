"""Scoring shared by the peer scripts (synthetic calls) and Scripts/realaudio (real recordings): one code path.

VAD: frame decisions on Undertone's 10 ms clock (frame i is the instant i * 10 ms), frames within 50 ms of a truth
boundary not scored, counts pooled over files. Pitch: GPE (20 %) and VDE against a reference F0 track.
"""
import numpy as np

COLLAR = 5  # frames (50 ms) either side of a truth boundary that are not scored


def scored_mask(truth, collar=COLLAR):
    mask = np.ones(len(truth), dtype=bool)
    for b in np.flatnonzero(np.diff(truth.astype(int)) != 0):
        mask[max(0, b + 1 - collar):b + 1 + collar] = False
    return mask


def segments_to_frames(segments, n, hop=0.01):
    """True for frame i (instant i * hop) inside any [start, end) segment."""
    t = np.arange(n) * hop
    out = np.zeros(n, dtype=bool)
    for a, b in segments:
        out |= (t >= a) & (t < b)
    return out


class Tally:
    """Pooled frame counts of one system: speech-class precision, recall and F1, and the share of music-only
    frames (music truth, no speech truth) called speech."""

    def __init__(self):
        self.tp = self.fp = self.fn = self.music = self.music_speech = 0

    def add(self, pred, truth, mask, music=None):
        p, t = pred[mask], truth[mask]
        self.tp += int(np.sum(p & t)); self.fp += int(np.sum(p & ~t)); self.fn += int(np.sum(~p & t))
        if music is None:
            return
        m = music & ~truth
        self.music += int(m.sum()); self.music_speech += int(np.sum(pred & m))

    def f1(self):
        return 2 * self.tp / max(1, 2 * self.tp + self.fp + self.fn)

    def precision(self):
        return self.tp / max(1, self.tp + self.fp)

    def recall(self):
        return self.tp / max(1, self.tp + self.fn)

    def music_rate(self):
        return self.music_speech / max(1, self.music)


def pitch_score(f0, ref, mask):
    """GPE (voiced in both, |f0 - ref| / ref > 20 %) and VDE (voicing differs) over the masked frames,
    with the counts they are shares of: (gpe, vde, frames voiced in both, frames scored)."""
    f0, ref = f0[mask], ref[mask]
    both = (f0 > 0) & (ref > 0)
    gross = np.abs(f0[both] - ref[both]) / ref[both] > 0.2
    gpe = gross.mean() if both.any() else 0.0
    vde = ((f0 > 0) != (ref > 0)).mean() if len(f0) else 0.0
    return gpe, vde, int(both.sum()), int(mask.sum())
