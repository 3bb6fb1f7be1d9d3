"""Open voice-activity detectors run on the same audio as Undertone, their decisions put on its 10 ms frame clock
(frame i is the instant i * 10 ms): WebRTC VAD (webrtcvad-wheels), Silero VAD (the silero-vad wheel's ONNX model
run by onnxruntime, one thread) and TEN VAD (ten-vad). Versions: Scripts/realaudio/requirements.txt.
"""
import importlib.util, os
import numpy as np


def pcm16(samples):
    return np.clip(np.round(samples * 32767), -32768, 32767).astype(np.int16)


def webrtc(samples, mode, n, rate=8000):
    """WebRTC VAD on 10 ms frames centred on Undertone's instants (samples: float at 8 or 16 kHz)."""
    import webrtcvad
    vad = webrtcvad.Vad(mode)
    hop = rate // 100
    pcm = pcm16(np.concatenate([np.zeros(hop // 2), samples, np.zeros(2 * hop)]))
    return np.array([vad.is_speech(pcm[i * hop:(i + 1) * hop].tobytes(), rate) for i in range(n)])


def hangover(decision, frames_kept=30):
    """Keeps `frames_kept` frames (300 ms) as speech after each speech frame."""
    out = decision.copy()
    last = -10 ** 9
    for i, d in enumerate(decision):
        if d:
            last = i
        elif i - last <= frames_kept:
            out[i] = True
    return out


class Silero:
    """Silero VAD's ONNX model, as the package's own OnnxWrapper runs it (chunks of 512 samples at 16 kHz or 256 at
    8 kHz, each with the previous chunk's last 64 / 32 samples as context, recurrent state carried over)."""

    def __init__(self, threads=1):
        import onnxruntime
        spec = importlib.util.find_spec("silero_vad")
        if spec is None:
            raise SystemExit("silero-vad is not installed: pip install -r Scripts/realaudio/requirements.txt")
        path = os.path.join(spec.submodule_search_locations[0], "data", "silero_vad.onnx")
        opts = onnxruntime.SessionOptions()
        opts.inter_op_num_threads = threads
        opts.intra_op_num_threads = threads
        self.session = onnxruntime.InferenceSession(path, sess_options=opts, providers=["CPUExecutionProvider"])

    def probabilities(self, samples, rate):
        """Speech probability per chunk (chunk k covers samples [k * size, (k + 1) * size))."""
        size, context = (512, 64) if rate == 16000 else (256, 32)
        x = np.asarray(samples, dtype=np.float32)
        chunks = -(-len(x) // size)
        x = np.concatenate([np.zeros(context, np.float32), x, np.zeros(chunks * size - len(x), np.float32)])
        state = np.zeros((2, 1, 128), dtype=np.float32)
        sr = np.array(rate, dtype=np.int64)
        out = np.empty(chunks)
        for k in range(chunks):
            chunk = x[k * size:(k + 1) * size + context][None, :]
            prob, state = self.session.run(None, {"input": chunk, "state": state, "sr": sr})
            out[k] = prob[0, 0]
        return out

    def frames(self, samples, rate, n, threshold=0.5):
        """Per 10 ms frame: the probability of the chunk that holds the frame's instant, and the decision."""
        prob = self.probabilities(samples, rate)
        size = 512 if rate == 16000 else 256
        k = np.minimum((np.arange(n) * rate // 100) // size, len(prob) - 1)
        return prob[k], prob[k] >= threshold


def ten_vad(samples16k, n, threshold=0.5):
    """TEN VAD at 16 kHz, hop 160 (10 ms), frames centred on Undertone's instants: (probability, decision)."""
    from ten_vad import TenVad
    vad = TenVad(hop_size=160, threshold=threshold)
    pcm = pcm16(np.concatenate([np.zeros(80), samples16k, np.zeros(320)]))
    prob, flag = np.zeros(n), np.zeros(n, dtype=bool)
    for i in range(min(n, len(pcm) // 160)):
        p, f = vad.process(pcm[i * 160:(i + 1) * 160])
        prob[i], flag[i] = p, bool(f)
    return prob, flag
