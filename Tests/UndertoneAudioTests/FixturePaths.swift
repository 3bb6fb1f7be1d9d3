import UndertoneTestSupport

/// Where the committed fixtures live (kept as a name the audio tests already use).
typealias FixturePaths = Fixtures
