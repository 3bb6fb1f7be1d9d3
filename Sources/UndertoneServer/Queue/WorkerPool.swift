public import Foundation
import Logging
import NIOPosix
public import ServiceLifecycle

/// How workers use the queue.
public struct WorkerOptions: Sendable {
    /// Analyses at once in this process.
    public var workers: Int
    /// How long a claimed job stays leased without a heartbeat.
    public var lease: Duration
    /// Attempts before a call that keeps failing (or keeps killing its worker) is marked failed.
    public var maxAttempts: Int
    /// How often an idle worker looks for jobs queued by other processes.
    public var pollInterval: Duration

    public init(workers: Int = ProcessInfo.processInfo.activeProcessorCount, lease: Duration = .seconds(60),
                maxAttempts: Int = 3, pollInterval: Duration = .milliseconds(500)) {
        self.workers = workers
        self.lease = lease
        self.maxAttempts = maxAttempts
        self.pollInterval = pollInterval
    }
}

/// Analysis workers: claim a job, heartbeat its lease while the analysis runs on a thread of their own, store the
/// report (or the failure), notify the webhook, repeat. Used in-process by `serve` and alone by `worker`.
///
/// On graceful shutdown workers stop claiming and finish the call in hand; a call interrupted harder than that
/// (SIGKILL, a crash) is claimed again by any worker once its lease expires.
public struct WorkerPool: Service {
    let store: any CallStore
    let blobs: BlobStore
    let analysis: CallAnalysisService
    let options: WorkerOptions
    let metrics: ServerMetrics
    let signal: JobSignal
    let webhook: WebhookNotifier?
    let logger: Logger
    /// Names this process in lease owners (`host:pid:n`).
    let ownerPrefix = "\(ProcessInfo.processInfo.hostName):\(ProcessInfo.processInfo.processIdentifier)"

    public func run() async throws {
        // Analysis is CPU-bound and blocking: it gets its own threads, away from the cooperative pool and the
        // event loops that serve HTTP.
        let threads = NIOThreadPool(numberOfThreads: options.workers)
        threads.start()
        await withTaskGroup(of: Void.self) { listening in
            if let notifying = store as? any QueueNotifying {
                listening.addTask { [signal] in await notifying.forwardQueuedNotifications { signal.notify() } }
            }
            await withDiscardingTaskGroup { group in
                for index in 0..<options.workers {
                    let wakeUps = signal.subscribe()
                    group.addTask { await work(owner: "\(ownerPrefix):\(index)", threads: threads, wakeUps: wakeUps) }
                }
            }
            listening.cancelAll()
        }
        try await threads.shutdownGracefully()
    }

    private func work(owner: String, threads: NIOThreadPool, wakeUps: AsyncStream<Void>) async {
        // A call's outcome is stored (and its webhook sent) while the next call is claimed and analysed, so the
        // analysis thread does not sit idle through two database round trips between calls. At most one outcome
        // is in flight per worker.
        var storing: Task<Void, Never>?
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                let job = try await store.claimNextJob(
                    owner: owner, lease: options.lease.seconds, maxAttempts: options.maxAttempts, now: Date()
                )
                if let job {
                    let heartbeat = Task { await keepLease(job) }
                    let analysed = await analyse(job, threads: threads)
                    await storing?.value
                    storing = Task {
                        await record(job, analysed.outcome, elapsed: analysed.elapsed)
                        heartbeat.cancel()
                    }
                    continue
                }
            } catch {
                logger.error("cannot claim a job: \(error)")
            }
            await storing?.value
            storing = nil
            await cancelWhenGracefulShutdown { await wakeUps.next(timeout: options.pollInterval) }
        }
        await storing?.value
    }

    private func analyse(_ job: ClaimedJob, threads: NIOThreadPool) async
        -> (outcome: Result<CallAnalysisService.Result, CallAnalysisService.Failure>, elapsed: Duration)
    {
        let call = job.call
        logger.info("analysing", metadata: ["call": "\(call.id)", "attempt": "\(call.attempts)", "owner": "\(job.owner)"])
        let started = ContinuousClock.now
        let outcome: Result<CallAnalysisService.Result, CallAnalysisService.Failure>
        do {
            outcome = try await threads.runIfActive { [blobs, analysis] in
                Self.analyze(call, blobs: blobs, analysis: analysis)
            }
        } catch {
            outcome = .failure(.init(description: "worker stopping: \(error)", retryable: true))
        }
        return (outcome, ContinuousClock.now - started)
    }

    /// Stores the report or the failure, while the job's lease is still heartbeated.
    private func record(
        _ job: ClaimedJob, _ outcome: Result<CallAnalysisService.Result, CallAnalysisService.Failure>, elapsed: Duration
    ) async {
        let call = job.call
        var logger = logger
        logger[metadataKey: "call"] = "\(call.id)"
        do {
            switch outcome {
            case .success(let result):
                guard try await store.complete(id: call.id, owner: job.owner, report: result.report, summary: result.summary, now: Date()) else {
                    logger.warning("lease lost before the report was stored; another worker has the call")
                    return
                }
                metrics.done.increment()
                metrics.analysisSeconds.recordNanoseconds(elapsed.nanoseconds)
                if result.audioSeconds > 0 { metrics.realTimeFactor.record(elapsed.seconds / result.audioSeconds) }
                logger.info("done", metadata: ["seconds": "\(elapsed.seconds)"])
                await webhook?.notify(id: call.id, status: .done)
            case .failure(let failure):
                let status = try await store.fail(
                    id: call.id, owner: job.owner, reason: failure.description, retry: failure.retryable,
                    maxAttempts: options.maxAttempts, now: Date()
                )
                logger.warning("analysis failed: \(failure.description)", metadata: ["status": "\(status?.rawValue ?? "lease lost")"])
                if status == .failed {
                    metrics.failed.increment()
                    await webhook?.notify(id: call.id, status: .failed)
                } else if status == .queued {
                    signal.notify()
                }
            }
        } catch {
            logger.error("cannot store the outcome: \(error); the lease will expire and the call be retried")
        }
    }

    private static func analyze(_ call: CallRecord, blobs: BlobStore, analysis: CallAnalysisService)
        -> Result<CallAnalysisService.Result, CallAnalysisService.Failure>
    {
        var contents: [Data] = []
        for file in [call.audio, call.transcript].compactMap({ $0 }) {
            do {
                guard let data = try blobs.contents(sha256: file.sha256) else {
                    return .failure(.init(description: "\(file.name): stored file is damaged (checksum mismatch)", retryable: false))
                }
                contents.append(data)
            } catch {
                return .failure(.init(description: "stored file missing or unreadable: \(error)", retryable: true))
            }
        }
        do {
            return .success(try analysis.analyze(
                audio: contents[0], transcript: contents.dropFirst().first, metadataJSON: call.metadataJSON, sourceName: call.audio.name
            ))
        } catch {
            return .failure(error)
        }
    }

    /// Renews the lease every third of its length until cancelled.
    private func keepLease(_ job: ClaimedJob) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: options.lease / 3)
            guard !Task.isCancelled else { return }
            do {
                if try await !store.heartbeat(id: job.call.id, owner: job.owner, lease: options.lease.seconds, now: Date()) {
                    logger.warning("lease lost", metadata: ["call": "\(job.call.id)"])
                    return
                }
            } catch {
                logger.error("heartbeat failed: \(error)", metadata: ["call": "\(job.call.id)"])
            }
        }
    }
}
