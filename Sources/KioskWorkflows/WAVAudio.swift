public import Foundation

/// 16-bit mono PCM audio and its WAV file form: what espeak-ng writes and the board plays.
///
/// ```swift
/// let chime = WAVAudio.chime(sampleRate: 22050)            // two falling tones, 0.7 s
/// let speech = try WAVAudio(wav: Data(contentsOf: url))    // from espeak-ng -w
/// let call = WAVAudio(sampleRate: 22050, samples: chime.samples + speech.samples).wav
/// ```
public struct WAVAudio: Sendable, Equatable {
    public var sampleRate: Int
    public var samples: [Int16]

    public init(sampleRate: Int, samples: [Int16]) {
        self.sampleRate = sampleRate
        self.samples = samples
    }

    public var duration: Double { Double(samples.count) / Double(sampleRate) }

    /// Why bytes are not a WAV this type reads.
    public enum DecodeError: Error, Equatable, CustomStringConvertible {
        case notRIFF
        case noFormat
        case unsupported(format: Int, channels: Int, bits: Int)
        case noData

        public var description: String {
            switch self {
            case .notRIFF: return "not a RIFF/WAVE file"
            case .noFormat: return "no fmt chunk"
            case .unsupported(let f, let c, let b): return "format \(f), \(c) channels, \(b) bits: only 16-bit PCM mono or stereo"
            case .noData: return "no data chunk"
            }
        }
    }

    /// Reads a PCM WAV (16-bit; stereo is mixed down). A data size past the end (a writer that
    /// never went back to fill it in) is cut to the bytes there are.
    public init(wav data: Data) throws(DecodeError) {
        let bytes = [UInt8](data)
        func u32(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 | Int(bytes[i + 2]) << 16 | Int(bytes[i + 3]) << 24 }
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        guard bytes.count >= 12, bytes[0..<4].elementsEqual("RIFF".utf8), bytes[8..<12].elementsEqual("WAVE".utf8) else {
            throw .notRIFF
        }
        var i = 12
        var format: (rate: Int, channels: Int)?
        while i + 8 <= bytes.count {
            let id = String(decoding: bytes[i..<i + 4], as: UTF8.self)
            let size = u32(i + 4)
            let body = i + 8
            if id == "fmt " {
                guard body + 16 <= bytes.count else { throw .noFormat }
                let tag = u16(body), channels = u16(body + 2), bits = u16(body + 14)
                guard tag == 1, bits == 16, channels == 1 || channels == 2 else {
                    throw .unsupported(format: tag, channels: channels, bits: bits)
                }
                format = (u32(body + 4), channels)
            } else if id == "data" {
                guard let format else { throw .noFormat }
                let end = min(bytes.count, body + size)
                var out: [Int16] = []
                out.reserveCapacity((end - body) / 2 / format.channels)
                var j = body
                let frame = 2 * format.channels
                while j + frame <= end {
                    var sum = 0
                    for ch in 0..<format.channels { sum += Int(Int16(bitPattern: UInt16(u16(j + 2 * ch)))) }
                    out.append(Int16(sum / format.channels))
                    j += frame
                }
                self.init(sampleRate: format.rate, samples: out)
                return
            }
            i = body + size + (size & 1)
        }
        throw .noData
    }

    /// The RIFF/WAVE bytes: 16-bit PCM mono.
    public var wav: Data {
        var d = Data()
        func u32(_ v: Int) { withUnsafeBytes(of: UInt32(truncatingIfNeeded: v).littleEndian) { d.append(contentsOf: $0) } }
        func u16(_ v: Int) { withUnsafeBytes(of: UInt16(truncatingIfNeeded: v).littleEndian) { d.append(contentsOf: $0) } }
        let dataBytes = samples.count * 2
        d.append(contentsOf: Array("RIFF".utf8)); u32(36 + dataBytes); d.append(contentsOf: Array("WAVE".utf8))
        d.append(contentsOf: Array("fmt ".utf8)); u32(16); u16(1); u16(1); u32(sampleRate); u32(sampleRate * 2); u16(2); u16(16)
        d.append(contentsOf: Array("data".utf8)); u32(dataBytes)
        d.reserveCapacity(d.count + dataBytes)
        for s in samples { withUnsafeBytes(of: s.littleEndian) { d.append(contentsOf: $0) } }
        return d
    }

    /// The call chime: two falling sine tones (E6 then C6, like a hall's "ding-dong"), each
    /// fading out, then a short silence before the words.
    public static func chime(sampleRate: Int) -> WAVAudio {
        var samples: [Int16] = []
        for (frequency, seconds) in [(1318.5, 0.32), (1046.5, 0.42)] {
            let n = Int(Double(sampleRate) * seconds)
            for k in 0..<n {
                let t = Double(k) / Double(sampleRate)
                let attack = min(1, Double(k) / (0.005 * Double(sampleRate)))
                let envelope = attack * exp(-3.5 * t / seconds)
                let value = sin(2 * Double.pi * frequency * t) * envelope * 0.45
                samples.append(Int16(value * Double(Int16.max)))
            }
        }
        samples += Array(repeating: 0, count: Int(Double(sampleRate) * 0.18))
        return WAVAudio(sampleRate: sampleRate, samples: samples)
    }
}
