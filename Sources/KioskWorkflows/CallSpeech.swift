public import Foundation
public import KioskCore
import KioskSystem
public import Logging

/// A call as the hall hears it: the chime, then espeak-ng (voice `vi`) saying
/// "Mời số A không không bảy đến quầy số một", as one WAV file. The same sentence is
/// synthesised once: the last few are kept, and boards asking at the same moment share one run.
///
/// ```swift
/// let speech = CallSpeech(reading: .digits, logger: logger)
/// let wav = try await speech.wav(number: "A-007", counter: 1)   // RIFF/WAVE, 16-bit mono
/// ```
public actor CallSpeech {
    /// Why no audio could be made.
    public enum SpeechError: Error, CustomStringConvertible {
        case noSynthesizer(String)
        case synthesisFailed(String)

        public var description: String {
            switch self {
            case .noSynthesizer(let p): return "\(p) is not installed (Debian's espeak-ng)"
            case .synthesisFailed(let why): return "espeak-ng failed: \(why)"
            }
        }
    }

    public nonisolated let reading: NumberReading
    let espeak: String
    let voice: String
    let cacheSize: Int
    let logger: Logger
    private var cache: [(text: String, wav: Data)] = []
    private var running: [String: Task<Data, any Error>] = [:]

    public init(reading: NumberReading, espeak: String = "/usr/bin/espeak-ng", voice: String = "vi", cacheSize: Int = 16,
                logger: Logger) {
        self.reading = reading
        self.espeak = espeak
        self.voice = voice
        self.cacheSize = cacheSize
        self.logger = logger
    }

    /// The words spoken for this call.
    public nonisolated func sentence(number: String, counter: Int) -> String {
        CallPhrase.spoken(number: number, counter: counter, reading: reading)
    }

    /// The chime and the sentence, as WAV bytes.
    public func wav(number: String, counter: Int) async throws -> Data {
        let text = sentence(number: number, counter: counter)
        if let hit = cache.firstIndex(where: { $0.text == text }) {
            let entry = cache.remove(at: hit)
            cache.append(entry)
            return entry.wav
        }
        if let task = running[text] { return try await task.value }
        let espeak = self.espeak, voice = self.voice
        let task = Task.detached(priority: .userInitiated) { try Self.synthesize(text, espeak: espeak, voice: voice) }
        running[text] = task
        defer { running[text] = nil }
        let wav = try await task.value
        cache.append((text, wav))
        if cache.count > cacheSize { cache.removeFirst(cache.count - cacheSize) }
        return wav
    }

    /// Runs espeak-ng into a temporary file and puts the chime before its words.
    static func synthesize(_ text: String, espeak: String, voice: String) throws -> Data {
        guard FileManager.default.isExecutableFile(atPath: espeak) else { throw SpeechError.noSynthesizer(espeak) }
        let file = NSTemporaryDirectory() + "kiosk-call-\(UUID().uuidString).wav"
        defer { try? FileManager.default.removeItem(atPath: file) }
        let r = try ChildProcess.run(espeak, ["-v", voice, "-s", "135", "-w", file, text])
        guard r.status == 0, let data = FileManager.default.contents(atPath: file) else {
            throw SpeechError.synthesisFailed("exit \(r.status): \(r.stderr.prefix(200))")
        }
        let speech: WAVAudio
        do { speech = try WAVAudio(wav: data) } catch { throw SpeechError.synthesisFailed("\(error)") }
        let chime = WAVAudio.chime(sampleRate: speech.sampleRate)
        return WAVAudio(sampleRate: speech.sampleRate, samples: chime.samples + speech.samples).wav
    }
}
