"""Shared helpers for the peer scripts: Undertone's frames, decoded audio, Praat-grid alignment."""
import io, os, subprocess
import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def undertone_binary():
    for config in ("release", "debug"):
        path = os.environ.get("UNDERTONE") or os.path.join(ROOT, ".build", config, "undertone")
        if os.path.exists(path):
            return path
    raise SystemExit("build undertone first: swift build -c release")


def frames(path, channel):
    """Undertone's frames of one channel as a structured numpy array (columns as in `undertone frames`)."""
    out = subprocess.run([undertone_binary(), "frames", path, "--channel", str(channel)],
                         check=True, capture_output=True, text=True).stdout
    return np.genfromtxt(io.StringIO(out), delimiter=",", names=True)


def decode(path, channel, rate):
    """One channel of `path` as float64 at `rate` (sox decodes mu-law)."""
    data = subprocess.run(["sox", path, "-t", "f32", "-r", str(rate), "-", "remix", str(channel + 1)],
                          check=True, capture_output=True).stdout
    return np.frombuffer(data, dtype=np.float32).astype(np.float64)


def praat_pitch_on_grid(samples, rate, n_frames, floor=75.0, ceiling=500.0):
    """Praat's `To Pitch (ac)` (10 ms step) with frame centres on the 10 ms grid Undertone uses.

    Praat centres its frames within the signal; zeros are appended (which changes no frame's content) until
    the first frame's time is a multiple of 10 ms. Returns f0 per grid frame (0 = unvoiced) for n_frames frames.
    """
    import parselmouth
    step = int(rate * 0.01)
    window = 3.0 / floor  # Praat's ac window: three periods of the floor

    def aligned(t):
        return abs(t / 0.01 - round(t / 0.01)) < 1e-6

    pitch = None
    for pad in range(2 * step):
        # Praat's Sampled_shortTermAnalysis: frames centred in the signal. Its frame count is a floor that
        # rounding can tip either way, so a predicted alignment is confirmed on Praat's own result.
        duration = (len(samples) + pad) / rate
        count = int(np.floor((duration - window) / 0.01 + 1e-9)) + 1
        if not any(aligned(0.5 * duration - 0.5 * c * 0.01 + 0.005) for c in (count, count - 1)):
            continue
        snd = parselmouth.Sound(np.concatenate([samples, np.zeros(pad)]), sampling_frequency=rate)
        pitch = snd.to_pitch_ac(time_step=0.01, pitch_floor=floor, pitch_ceiling=ceiling)
        if aligned(pitch.xs()[0]):
            break
    if pitch is None or not aligned(pitch.xs()[0]):
        raise RuntimeError("could not align Praat's frames to the 10 ms grid")
    f0 = np.zeros(n_frames)
    first = int(round(pitch.xs()[0] / 0.01))
    values = pitch.selected_array["frequency"]
    for k, v in enumerate(values):
        i = first + k
        if 0 <= i < n_frames:
            f0[i] = v
    return f0
