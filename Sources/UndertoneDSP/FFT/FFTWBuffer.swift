internal import CFFTW

/// Memory from `fftwf_malloc`, aligned the way FFTW's new-array execute functions require; freed on deinit.
///
/// The analyzer allocates all of these once, so the per-frame path never allocates.
@usableFromInline
struct FFTWBuffer: ~Copyable {
    /// The first of `count` floats; valid for the buffer's lifetime only.
    @usableFromInline let pointer: UnsafeMutablePointer<Float>
    @usableFromInline let count: Int

    /// `count` zeroed floats.
    init(count: Int) {
        guard let raw = fftwf_malloc(MemoryLayout<Float>.stride * count) else {
            fatalError("fftwf_malloc failed for \(count) floats")
        }
        pointer = raw.bindMemory(to: Float.self, capacity: count)
        pointer.initialize(repeating: 0, count: count)
        self.count = count
    }

    deinit { fftwf_free(pointer) }
}
