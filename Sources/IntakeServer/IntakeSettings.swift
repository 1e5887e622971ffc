public import Foundation

/// Settings of the reference intake.
///
/// ```swift
/// let settings = IntakeSettings(trustedKeysPath: "trusted-keys", operatorTokensPath: "operators")
/// ```
public struct IntakeSettings: Sendable {
    /// `KEY-ID BASE64` lines: the kiosks allowed to send.
    public var trustedKeysPath: String?
    /// `STAFF-NUMBER BASE64` lines: staff whose signatures on assisted dossiers are checked.
    public var staffKeysPath: String?
    /// PEM CA certificates that staff token certificates must chain to (`--staff-ca`).
    public var staffCAPath: String?
    /// Refuse staff signatures made with the kiosk's software key (`--require-certified-staff`).
    public var requireCertifiedStaff = false
    /// `OPERATOR-ID TOKEN` lines: who may use `/v1/operator/*` (see `OperatorCredentials`).
    public var operatorTokensPath: String?
    /// Test hooks (`--test-faults`): fault injection and the `/admin/*` endpoints. Off in production.
    public var testHooks = false
    public var faults = FaultProfile()
    /// Test modes (crash after a commit, no unique key, the fault seed); only with `testHooks`.
    public var testModes = IntakeTestModes()
    /// How far a request's `Kiosk-Timestamp` may be from the intake's clock, either way, in seconds.
    public var replayWindow: TimeInterval = 600
    /// The intake's HPKE private key (`--seal-key`): opens dossiers the kiosks sealed to it.
    public var sealKeyPath: String?
    /// The contract, served at `GET /openapi.yaml`.
    public var openAPI: Data?

    public init(trustedKeysPath: String? = nil, staffKeysPath: String? = nil, operatorTokensPath: String? = nil,
                testHooks: Bool = false, faults: FaultProfile = FaultProfile(), testModes: IntakeTestModes = IntakeTestModes(),
                replayWindow: TimeInterval = 600, openAPI: Data? = nil) {
        self.trustedKeysPath = trustedKeysPath
        self.staffKeysPath = staffKeysPath
        self.operatorTokensPath = operatorTokensPath
        self.testHooks = testHooks
        self.faults = faults
        self.testModes = testModes
        self.replayWindow = replayWindow
        self.openAPI = openAPI
    }
}
