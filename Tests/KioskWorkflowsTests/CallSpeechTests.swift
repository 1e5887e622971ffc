import Foundation
import GRDB
import KioskCore
import KioskQueue
import KioskStore
import KioskTestSupport
import KioskWorkflows
import Logging
import Testing

/// Calls as the hall hears them (real espeak-ng), and what the counters' actions commit:
/// the call the board shows and the audit line with the staff member, in the same commit.
@Suite struct CallSpeechTests {
    /// Seconds of sound louder than a whisper in `samples[from..<to]`.
    static func rms(_ a: WAVAudio, from: Double, to: Double) -> Double {
        let lo = Int(from * Double(a.sampleRate)), hi = min(a.samples.count, Int(to * Double(a.sampleRate)))
        guard hi > lo else { return 0 }
        let sum = a.samples[lo..<hi].reduce(0.0) { $0 + Double($1) * Double($1) }
        return (sum / Double(hi - lo)).squareRoot()
    }

    @Test func theChimeIsTwoFallingTonesThenSilence() throws {
        let chime = WAVAudio.chime(sampleRate: 22050)
        #expect(abs(chime.duration - 0.92) < 0.01)
        #expect(Self.rms(chime, from: 0, to: 0.3) > 3000)
        #expect(Self.rms(chime, from: 0.75, to: 0.92) == 0)
        // The WAV form reads back to the same samples.
        #expect(try WAVAudio(wav: chime.wav) == chime)
        #expect(throws: WAVAudio.DecodeError.notRIFF) { try WAVAudio(wav: Data("hello".utf8)) }
    }

    @Test func aCallIsTheChimeThenASentenceAsLongAsItsWords() async throws {
        try #require(FileManager.default.isExecutableFile(atPath: "/usr/bin/espeak-ng"),
                     "espeak-ng is missing: run make install-deps (Debian's espeak-ng)")
        let speech = CallSpeech(reading: .digits, logger: Logger(label: "test"))
        let sentence = speech.sentence(number: "A-007", counter: 1)
        #expect(sentence == "Mời số A không không bảy đến quầy số một")
        let wav = try await speech.wav(number: "A-007", counter: 1)
        let audio = try WAVAudio(wav: wav)
        #expect(audio.sampleRate == 22050)
        // Ten syllables at espeak-ng's 135 words a minute: between 0.15 and 0.6 s each, after the 0.92 s chime.
        let syllables = Double(sentence.split(separator: " ").count)
        let words = audio.duration - 0.92
        print("call audio: \(String(format: "%.2f", audio.duration)) s for \(Int(syllables)) syllables")
        #expect(words > syllables * 0.15 && words < syllables * 0.6, "\(audio.duration) s")
        #expect(Self.rms(audio, from: 0, to: 0.3) > 3000, "the chime comes first")
        #expect(Self.rms(audio, from: 1.0, to: audio.duration) > 300, "then the words")
        // "A bảy" is shorter than "A không không bảy".
        let short = try WAVAudio(wav: try await CallSpeech(reading: .number, logger: Logger(label: "test")).wav(number: "A-007", counter: 1))
        #expect(short.duration < audio.duration)
        // The same sentence is made once.
        #expect(try await speech.wav(number: "A-007", counter: 1) == wav)
    }

    @Test func loginsAreLimitedPerClient() {
        let limiter = LoginRateLimiter(limit: 3, window: 60)
        #expect((0..<3).map { limiter.admit("10.0.0.1", at: 100 + Double($0)) } == [nil, nil, nil])
        #expect(limiter.admit("10.0.0.1", at: 110) == 50)
        #expect(limiter.admit("10.0.0.2", at: 110) == nil, "another computer is not held back")
        #expect(limiter.admit("10.0.0.1", at: 161) == nil, "the window has moved on")
    }

    @Test func aCallIsCommittedWithItsBoardEventAndItsAuditLine() async throws {
        let f = try WorkflowFixture()
        _ = try await f.queue.issue(area: "HT", priority: nil, source: .kiosk)
        _ = try await f.queue.issue(area: "HT", priority: nil, source: .kiosk)
        let events = f.queue.events.subscribe(board: true)
        #expect(f.queue.events.boardCount == 1)
        let before = f.counter.durable
        let called = try await f.queue.call(counter: 1, by: "staff:NV001")
        #expect(f.counter.durable == before + 1, "the ticket, the call and the audit line: one commit")
        _ = try await f.queue.recall(counter: 1, by: "staff:NV001")
        _ = try await f.queue.transfer(number: called.number.description, toArea: "CT", by: "staff:NV001")
        var seen: [QueueEvent] = []
        for await e in events {
            seen.append(e)
            if seen.count == 5 { break }
        }
        let calls = try f.db.read { db in try CallRecord.after(db, id: 0, limit: 10) }
        #expect(calls.map(\.kind) == [.call, .recall])
        #expect(calls.allSatisfy { $0.staff == "NV001" && $0.number == "A-001" && $0.counter == 1 })
        // (Dates come back from SQLite to the millisecond: the events are compared by what they say.)
        let said = seen.map { e -> String in if case .call(let c) = e { return "call \(c.id) \(c.kind) \(c.number)" } else { return "changed" } }
        #expect(said == ["call 1 call A-001", "changed", "call 2 recall A-001", "changed", "changed"])
        let audit = try f.db.auditEntries().filter { $0.action.hasPrefix("queue.") }
        #expect(audit.map(\.action) == ["queue.call", "queue.recall", "queue.transfer"])
        #expect(audit.allSatisfy { $0.actor == "staff:NV001" && $0.subject == "A-001" })
        #expect(audit[2].details?.contains("\"to_area\":\"CT\"") == true)
        #expect(try f.db.verifyAudit() == nil)
    }
}
