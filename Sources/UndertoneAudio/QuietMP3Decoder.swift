#if canImport(Glibc)
import Glibc

/// libmpg123 prints its own diagnostics on stderr ("[src/libmpg123/layer3.c:…] error: dequantization failed!",
/// dozens per damaged MP3) before Undertone's one-line error. libsndfile creates the mpg123 handle and does not
/// expose it, and redirecting file descriptor 2 around decoding would swallow every other thread's stderr (the
/// server's logs). So Undertone interposes `mpg123_new`: executables export their global symbols, so libsndfile's
/// call lands here first; this creates the handle with libmpg123's own function and sets `MPG123_QUIET` on it. What
/// went wrong still reaches the user as libsndfile's error, translated into Undertone's line (``LibraryMessage``).
@_cdecl("mpg123_new")
public func undertoneQuietMPG123New(
    _ decoder: UnsafePointer<CChar>?, _ error: UnsafeMutablePointer<Int32>?
) -> OpaquePointer? {
    guard let create = MPG123.create else {
        error?.pointee = MPG123.badHandle
        return nil
    }
    let handle = create(decoder, error)
    if let handle, let setParameter = MPG123.setParameter {
        _ = setParameter(handle, MPG123.addFlags, MPG123.quiet, 0)
    }
    return handle
}

/// libmpg123's own functions, found past this executable (`RTLD_NEXT`), and the values of its header's constants.
private enum MPG123 {
    typealias Create = @convention(c) (UnsafePointer<CChar>?, UnsafeMutablePointer<Int32>?) -> OpaquePointer?
    typealias SetParameter = @convention(c) (OpaquePointer, Int32, Int, Double) -> Int32

    /// `MPG123_ADD_FLAGS` and `MPG123_QUIET` in mpg123.h (1.31); `MPG123_BAD_HANDLE` for a missing library.
    static let addFlags: Int32 = 2
    static let quiet = 0x20
    static let badHandle: Int32 = 10

    static let create: Create? = symbol("mpg123_new")
    static let setParameter: SetParameter? = symbol("mpg123_param2")

    private static func symbol<Function>(_ name: String) -> Function? {
        // RTLD_NEXT is ((void *) -1) in dlfcn.h, a macro Swift does not import.
        dlsym(UnsafeMutableRawPointer(bitPattern: -1), name).map { unsafeBitCast($0, to: Function.self) }
    }
}
#endif
