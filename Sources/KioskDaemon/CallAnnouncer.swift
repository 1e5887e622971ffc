import Foundation
import KioskQueue
import KioskStore
import KioskWorkflows
import Logging
import ServiceLifecycle

/// The kiosk's own speaker calls numbers when no hall board is listening: each call, in the
/// order they were made, said to its end before the next (espeak-ng, through ``Speaker``;
/// WAV files under `--speech-wav-dir` where there is no sound device). While a board is
/// connected, the board speaks and the kiosk stays quiet.
///
/// ```swift
/// services.append(side("call-speaker", CallAnnouncer(queue: queue, speech: speech, speaker: callSpeaker, logger: log)))
/// ```
struct CallAnnouncer: Service {
    let queue: QueueCoordinator
    let speech: CallSpeech
    let speaker: Speaker
    let logger: Logger

    func run() async throws {
        let events = queue.events.subscribe(board: false, buffer: 256)
        try await cancelWhenGracefulShutdown {
            for await event in events {
                guard case .call(let call) = event else { continue }
                guard queue.events.boardCount == 0 else { continue }
                let text = speech.sentence(number: call.number, counter: call.counter)
                logger.info("calling aloud at the kiosk (no board connected)", metadata: ["call": "\(call.id)", "number": "\(call.number)",
                                                                                         "counter": "\(call.counter)"])
                let said = await speaker.sayToEnd(text)
                logger.info("called aloud", metadata: ["call": "\(call.id)", "number": "\(call.number)", "said": "\(said)"])
            }
        }
    }
}
