internal import CFFTW
import Synchronization

/// A pair of FFTW single-precision plans (real → half-complex spectrum and back) for one transform size.
///
/// Plans are made once per size and process and shared by every analyzer: FFTW's planner is not thread-safe,
/// so planning (and destroying) is serialized with `plannerLock`; executing a plan on new arrays is
/// thread-safe as long as the arrays come from `fftwf_malloc` (see `FFTWBuffer`).
final class RealFFTPlan: @unchecked Sendable {
    /// Real samples per transform.
    let size: Int
    /// `size` reals → `size / 2 + 1` complex bins.
    let forward: OpaquePointer
    /// `size / 2 + 1` complex bins → `size` reals (unnormalised, and destroys its input).
    let inverse: OpaquePointer

    private static let plannerLock = Mutex<[Int: RealFFTPlan]>([:])

    /// The shared plan for `size` real samples, made on first use.
    static func shared(size: Int) -> RealFFTPlan {
        plannerLock.withLock { plans in
            if let plan = plans[size] { return plan }
            let plan = RealFFTPlan(plannedUnderLock: size)
            plans[size] = plan
            return plan
        }
    }

    /// Only called with `plannerLock` held.
    private init(plannedUnderLock size: Int) {
        self.size = size
        let real = FFTWBuffer(count: size)
        let complex = FFTWBuffer(count: 2 * (size / 2 + 1))
        let bins = UnsafeMutableRawPointer(complex.pointer).bindMemory(to: fftwf_complex.self, capacity: size / 2 + 1)
        // FFTW_MEASURE overwrites the arrays while timing; these are scratch arrays kept only for planning.
        guard let forward = fftwf_plan_dft_r2c_1d(Int32(size), real.pointer, bins, FFTW_MEASURE),
              let inverse = fftwf_plan_dft_c2r_1d(Int32(size), bins, real.pointer, FFTW_MEASURE)
        else { fatalError("FFTW could not plan a real transform of size \(size)") }
        self.forward = forward
        self.inverse = inverse
    }

    // Cached plans live for the whole process; should one ever be released, destroy it under the planner lock.
    deinit {
        Self.plannerLock.withLock { _ in
            fftwf_destroy_plan(forward)
            fftwf_destroy_plan(inverse)
        }
    }
}
