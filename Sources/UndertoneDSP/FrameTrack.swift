/// All frames of one channel of a finished call, frame `i` at `FrameClock.time(ofFrame: i)`.
public struct FrameTrack: Sendable, Equatable {
    /// The frames, one per 10 ms.
    public var frames: Frames

    /// A track holding `frames` exactly, every field of every frame.
    public init(frames: [Frame] = []) {
        self.frames = Frames(storage: .full(frames))
    }

    /// An empty track that keeps only what the analysis layers read of each frame, in about a fifth of the memory
    /// (CompactFrames.swift); batch analysis of long calls appends its frames to one of these.
    public static func compact(reservingCapacity capacity: Int = 0) -> FrameTrack {
        var storage = CompactFrames()
        storage.reserveCapacity(capacity)
        return FrameTrack(frames: Frames(storage: .compact(storage)))
    }

    private init(frames: Frames) {
        self.frames = frames
    }

    /// The duration the track covers, in seconds.
    public var duration: Double { Double(frames.count) * FrameClock.hop }

    /// The frames whose instants fall in `[start, end)` seconds, clamped to the track.
    public func frames(from start: Double, to end: Double) -> Frames.SubSequence {
        let lower = min(max(0, Int((start / FrameClock.hop).rounded(.up))), frames.count)
        let upper = min(max(lower, Int((end / FrameClock.hop).rounded(.up))), frames.count)
        return frames[lower..<upper]
    }

    /// Adds the next frame.
    public mutating func append(_ frame: Frame) {
        frames.append(frame)
    }

    /// A track's frames: an array of whole frames, or the compact columns of a batch analysis.
    public struct Frames: RandomAccessCollection, MutableCollection, Sendable, Equatable, ExpressibleByArrayLiteral {
        enum Storage: Sendable {
            case full([Frame])
            case compact(CompactFrames)
        }

        private(set) var storage: Storage

        init(storage: Storage) {
            self.storage = storage
        }

        public init(arrayLiteral elements: Frame...) {
            storage = .full(elements)
        }

        public var startIndex: Int { 0 }

        public var endIndex: Int {
            switch storage {
            case .full(let frames): frames.count
            case .compact(let frames): frames.count
            }
        }

        public subscript(position: Int) -> Frame {
            get {
                switch storage {
                case .full(let frames): frames[position]
                case .compact(let frames): frames[position]
                }
            }
            set {
                // Take the payload out before changing it, so it stays uniquely referenced (no copy per write).
                switch storage {
                case .full(var frames):
                    storage = .full([])
                    frames[position] = newValue
                    storage = .full(frames)
                case .compact(var frames):
                    storage = .full([])
                    frames[position] = newValue
                    storage = .compact(frames)
                }
            }
        }

        mutating func append(_ frame: Frame) {
            switch storage {
            case .full(var frames):
                storage = .full([])
                frames.append(frame)
                storage = .full(frames)
            case .compact(var frames):
                storage = .full([])
                frames.append(frame)
                storage = .compact(frames)
            }
        }

        /// Frame by frame, whatever the storage.
        public static func == (lhs: Frames, rhs: Frames) -> Bool {
            lhs.count == rhs.count && lhs.elementsEqual(rhs)
        }
    }
}
