// The facade: a front end imports UndertoneAnalysis and sees the modules below it whose types its API speaks in
// (parties, channel maps, stream formats and the error protocol), as NIO re-exports NIOCore.
@_exported public import UndertoneAudio
@_exported public import UndertoneConversation
@_exported public import UndertoneRubrics
@_exported public import UndertoneSentiment
@_exported public import UndertoneTranscripts
