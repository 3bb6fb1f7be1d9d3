/// A store that tells workers in other processes when a call is queued, so an idle worker claims it at once
/// instead of at its next poll. Workers still poll: a lost notification only delays a call.
protocol QueueNotifying: CallStore {
    /// Calls `wake` for every call queued from now on (and once at the start), until the task is cancelled.
    func forwardQueuedNotifications(to wake: @escaping @Sendable () -> Void) async
}
