import CKioskSys
public import Foundation

/// A PKCS#11 module (a token's driver, or p11-kit's proxy in front of them all), loaded with
/// `dlopen` and initialised once per process however many times it is opened; the last
/// ``close()`` finalises it, so the next ``open(path:)`` sees tokens plugged in meanwhile.
///
/// ```swift
/// let module = try Pkcs11Module.open(path: "/usr/lib/x86_64-linux-gnu/p11-kit-proxy.so")
/// defer { module.close() }
/// for token in try module.tokens() { print(token.slot, token.serial, token.label) }
/// let session = try module.session(slot: token.slot)
/// try session.login(pin: "135790")
/// let key = try session.objects(class: .privateKey).first!
/// let signature = try session.sign(key: key, mechanism: .ecdsa, data: digest)
/// ```
public final class Pkcs11Module: @unchecked Sendable {
    /// Debian's p11-kit proxy: every module configured in `/usr/share/p11-kit/modules`.
    public static let p11KitProxy = "/usr/lib/x86_64-linux-gnu/p11-kit-proxy.so"

    public let path: String
    let handle: OpaquePointer
    private var closed = false

    private static let lock = NSLock()
    nonisolated(unsafe) private static var loaded: [String: (handle: OpaquePointer, users: Int)] = [:]

    private init(path: String, handle: OpaquePointer) {
        self.path = path
        self.handle = handle
    }

    /// Loads and initialises the module at `path`, or shares the one this process has open.
    public static func open(path: String) throws(Pkcs11Error) -> Pkcs11Module {
        Pkcs11Module(path: path, handle: try acquire(path))
    }

    /// Gives the module back; the last user (modules and sessions both count) finalises and
    /// unloads it. Idempotent.
    public func close() {
        let wasOpen = Self.lock.withLock { () -> Bool in
            defer { closed = true }
            return !closed
        }
        if wasOpen { Self.release(path) }
    }

    static func acquire(_ path: String) throws(Pkcs11Error) -> OpaquePointer {
        lock.lock()
        defer { lock.unlock() }
        if let entry = loaded[path] {
            loaded[path] = (entry.handle, entry.users + 1)
            return entry.handle
        }
        var out: OpaquePointer?
        var err = [CChar](repeating: 0, count: 512)
        let rv = kiosk_p11_load(path, &out, &err, err.count)
        guard rv == 0, let out else {
            let message = String(decoding: err.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            throw Pkcs11Error(call: rv == Pkcs11Error.loadFailed ? "dlopen(\(path))" : "C_Initialize(\(path))", rv: rv,
                              detail: message.isEmpty ? nil : message)
        }
        loaded[path] = (out, 1)
        return out
    }

    static func release(_ path: String) {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = loaded[path] else { return }
        if entry.users > 1 {
            loaded[path] = (entry.handle, entry.users - 1)
        } else {
            loaded[path] = nil
            kiosk_p11_unload(entry.handle)
        }
    }

    deinit { close() }

    static func check(_ rv: UInt, _ call: String) throws(Pkcs11Error) {
        if rv != 0 { throw Pkcs11Error(call: call, rv: rv) }
    }

    /// Every slot with a token in it, and what the token says of itself.
    public func tokens() throws(Pkcs11Error) -> [Pkcs11Token] {
        var count: UInt = 64
        var slots = [UInt](repeating: 0, count: Int(count))
        try Self.check(kiosk_p11_slots(handle, &slots, &count), "C_GetSlotList")
        var out: [Pkcs11Token] = []
        for slot in slots.prefix(Int(count)) {
            var info = kiosk_p11_token()
            let rv = kiosk_p11_token_info(handle, slot, &info)
            if rv == Pkcs11Error.Code.tokenNotPresent.rawValue || rv == Pkcs11Error.Code.tokenNotRecognized.rawValue { continue }
            try Self.check(rv, "C_GetTokenInfo")
            out.append(Pkcs11Token(slot: slot, label: Self.string(info.label), serial: Self.string(info.serial),
                                   manufacturer: Self.string(info.manufacturer), model: Self.string(info.model), flags: info.flags))
        }
        return out
    }

    /// True when the slot's token can sign with the mechanism.
    public func canSign(slot: UInt, mechanism: Pkcs11Mechanism) throws(Pkcs11Error) -> Bool {
        var yes: Int32 = 0
        try Self.check(kiosk_p11_can_sign(handle, slot, mechanism.rawValue, &yes), "C_GetMechanismInfo")
        return yes != 0
    }

    /// A read-only session with the slot's token.
    public func session(slot: UInt) throws(Pkcs11Error) -> Pkcs11Session {
        var session: UInt = 0
        try Self.check(kiosk_p11_open_session(handle, slot, &session), "C_OpenSession")
        // The session keeps the module loaded until it is closed.
        _ = try Self.acquire(path)
        return Pkcs11Session(module: self, handle: session, slot: slot)
    }

    static func string<T>(_ tuple: T) -> String {
        withUnsafeBytes(of: tuple) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

/// A token in a slot, as `C_GetTokenInfo` describes it.
public struct Pkcs11Token: Sendable, Equatable {
    public var slot: UInt
    public var label: String
    public var serial: String
    public var manufacturer: String
    public var model: String
    public var flags: UInt

    public init(slot: UInt, label: String, serial: String, manufacturer: String, model: String, flags: UInt) {
        self.slot = slot
        self.label = label
        self.serial = serial
        self.manufacturer = manufacturer
        self.model = model
        self.flags = flags
    }

    /// The token has been initialised (a blank one has no PIN, key or certificate yet).
    public var initialized: Bool { flags & UInt(KIOSK_CKF_TOKEN_INITIALIZED) != 0 }
    /// The user PIN is locked: too many wrong PINs.
    public var pinLocked: Bool { flags & UInt(KIOSK_CKF_USER_PIN_LOCKED) != 0 }
    /// One more wrong PIN locks it.
    public var pinFinalTry: Bool { flags & UInt(KIOSK_CKF_USER_PIN_FINAL_TRY) != 0 }
}

/// Object classes the kiosk looks for.
public enum Pkcs11ObjectClass: UInt, Sendable {
    case certificate = 1, privateKey = 3
}

/// Signing mechanisms: ECDSA over a digest, RSA PKCS#1 v1.5 over a DigestInfo, RSA-PSS (SHA-256) over a digest.
public enum Pkcs11Mechanism: UInt, Sendable {
    case rsaPKCS = 1, rsaPSS = 0xD, ecdsa = 0x1041
}

/// Key types (`CKA_KEY_TYPE`).
public enum Pkcs11KeyType: UInt, Sendable {
    case rsa = 0, ec = 3
}

/// A session with one token; it keeps its module loaded until ``close()``. Signatures are
/// serialised (a PKCS#11 session is not for two threads at once).
public final class Pkcs11Session: @unchecked Sendable {
    public let module: Pkcs11Module
    public let slot: UInt
    let handle: UInt
    private let lock = NSLock()
    private var closed = false

    init(module: Pkcs11Module, handle: UInt, slot: UInt) {
        self.module = module
        self.handle = handle
        self.slot = slot
    }

    /// Logs in as the token's user (`CKU_USER`).
    public func login(pin: String) throws(Pkcs11Error) {
        let rv = pin.withCString { kiosk_p11_login(module.handle, handle, $0, pin.utf8.count) }
        try Pkcs11Module.check(rv, "C_Login")
    }

    /// Object handles of a class, with this `CKA_ID` when one is given.
    public func objects(class objectClass: Pkcs11ObjectClass, id: Data? = nil) throws(Pkcs11Error) -> [UInt] {
        var count: UInt = 32
        var found = [UInt](repeating: 0, count: Int(count))
        let rv: UInt
        if let id {
            rv = id.withUnsafeBytes { kiosk_p11_find(module.handle, handle, objectClass.rawValue,
                                                     $0.bindMemory(to: UInt8.self).baseAddress, id.count, &found, &count) }
        } else {
            rv = kiosk_p11_find(module.handle, handle, objectClass.rawValue, nil, 0, &found, &count)
        }
        try Pkcs11Module.check(rv, "C_FindObjects")
        return Array(found.prefix(Int(count)))
    }

    /// An attribute's bytes (`CKA_VALUE` of a certificate, `CKA_ID`, `CKA_KEY_TYPE` …).
    public func attribute(_ object: UInt, _ type: Pkcs11Attribute) throws(Pkcs11Error) -> Data {
        var length: UInt = 0
        try Pkcs11Module.check(kiosk_p11_attribute(module.handle, handle, object, type.rawValue, nil, &length), "C_GetAttributeValue")
        var bytes = [UInt8](repeating: 0, count: Int(length))
        try Pkcs11Module.check(kiosk_p11_attribute(module.handle, handle, object, type.rawValue, &bytes, &length), "C_GetAttributeValue")
        return Data(bytes.prefix(Int(length)))
    }

    /// `CKA_KEY_TYPE` of a key.
    public func keyType(_ key: UInt) throws(Pkcs11Error) -> Pkcs11KeyType? {
        let raw = try attribute(key, .keyType)
        guard raw.count == MemoryLayout<UInt>.size else { return nil }
        return Pkcs11KeyType(rawValue: raw.withUnsafeBytes { $0.loadUnaligned(as: UInt.self) })
    }

    /// Signs `data` (a digest, or a DigestInfo for ``Pkcs11Mechanism/rsaPKCS``) with the key.
    public func sign(key: UInt, mechanism: Pkcs11Mechanism, data: Data) throws(Pkcs11Error) -> Data {
        lock.lock()
        defer { lock.unlock() }
        var length: UInt = 1024
        var signature = [UInt8](repeating: 0, count: Int(length))
        let input = [UInt8](data)
        let rv = kiosk_p11_sign(module.handle, handle, key, mechanism.rawValue, input, input.count, &signature, &length)
        try Pkcs11Module.check(rv, "C_Sign")
        return Data(signature.prefix(Int(length)))
    }

    /// Closes the session (which logs out of the token). Idempotent.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        guard !closed else { return }
        closed = true
        _ = kiosk_p11_close_session(module.handle, handle)
        Pkcs11Module.release(module.path)
    }

    deinit { close() }
}

/// Attributes the kiosk reads.
public enum Pkcs11Attribute: UInt, Sendable {
    case label = 0x3, value = 0x11, keyType = 0x100, id = 0x102
}
