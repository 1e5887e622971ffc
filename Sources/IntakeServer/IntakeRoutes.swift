import Crypto
import Foundation
public import HTTPTypes
public import Hummingbird
import KioskSigning
public import Logging
import NIOCore
import NIOFoundationCompat

/// Keys whose first request is still being processed (for 409 on a concurrent repeat).
actor InFlightKeys {
    private var keys: Set<String> = []
    func claim(_ key: String) -> Bool { keys.insert(key).inserted }
    func release(_ key: String) { keys.remove(key) }
}

/// The routes of the central intake API (see `openapi.yaml`).
///
/// ```swift
/// let router = Router(context: IntakeContext.self)
/// IntakeRoutes(store: store, settings: settings).register(on: router)
/// ```
public struct IntakeRoutes: Sendable {
    let store: IntakeStore
    let inFlight = InFlightKeys()
    let kiosks: KeyRegistry
    let staff: KeyRegistry
    let staffCAs: StaffCARegistry
    let requireCertifiedStaff: Bool
    let operators: OperatorCredentials
    let faults: FaultState
    let commits: CommitCounter
    let testHooks: Bool
    let replayWindow: TimeInterval
    let openAPI: Data?
    /// Opens sealed dossiers (nil: a sealed dossier is refused with `cannot-open-seal`).
    let sealKey: DossierSeal.PrivateKey?
    let table = RouteTable()
    let logger: Logger

    public init(store: IntakeStore, settings: IntakeSettings = IntakeSettings(), logger: Logger = Logger(label: "onestop-intake")) {
        openAPI = settings.openAPI
        self.store = store
        kiosks = KeyRegistry(path: settings.trustedKeysPath)
        staff = KeyRegistry(path: settings.staffKeysPath)
        staffCAs = StaffCARegistry(path: settings.staffCAPath, logger: logger)
        requireCertifiedStaff = settings.requireCertifiedStaff
        operators = OperatorCredentials(path: settings.operatorTokensPath)
        testHooks = settings.testHooks
        // Without the test hooks no fault is ever injected, whatever the profile says.
        let modes = settings.testHooks ? settings.testModes : IntakeTestModes()
        faults = FaultState(settings.testHooks ? settings.faults : FaultProfile(), seed: modes.seed ?? UInt64.random(in: 1...UInt64.max))
        commits = CommitCounter(crashAfter: modes.crashAfterCommit)
        replayWindow = settings.replayWindow
        sealKey = settings.sealKeyPath.flatMap { try? DossierSeal.PrivateKey.load(path: $0) }
        self.logger = logger
    }

    public static let idempotencyKey = HTTPField.Name("Idempotency-Key")!
    static let keyID = HTTPField.Name(RequestSignature.keyIDHeader)!
    static let signature = HTTPField.Name(RequestSignature.signatureHeader)!
    static let timestamp = HTTPField.Name(RequestSignature.timestampHeader)!
    static let nonce = HTTPField.Name(RequestSignature.nonceHeader)!
    static let dossierSignature = HTTPField.Name("Dossier-Signature")!
    static let tusResumable = HTTPField.Name("Tus-Resumable")!
    static let uploadLength = HTTPField.Name("Upload-Length")!
    static let uploadOffset = HTTPField.Name("Upload-Offset")!
    static let uploadMetadata = HTTPField.Name("Upload-Metadata")!
    static let uploadChecksum = HTTPField.Name("Upload-Checksum")!
    static let retryAfter = HTTPField.Name("Retry-After")!

    public func register(on router: Router<IntakeContext>) {
        router.add(middleware: ProblemMiddleware<IntakeContext>(table: table, logger: logger))
        route(router, .get, "/healthz") { _, _ in Problems.json(.ok, ["status": "ok"]) }
        route(router, .get, "/openapi.yaml") { _, _ in
            guard let spec = self.openAPI else { return Problems.problem(.notFound, "not-found", "the contract is not in this build") }
            return Response(status: .ok, headers: [.contentType: "application/yaml"], body: .init(byteBuffer: ByteBuffer(bytes: spec)))
        }
        route(router, .post, "/v1/dossiers") { request, context in
            try await faulted(request, context) { body, kiosk in try await self.postDossier(request, body, kiosk: kiosk) }
        }
        route(router, .post, "/v1/dossiers/:id/attachments") { request, context in
            try await faulted(request, context) { body, kiosk in try await self.createUpload(request, context, body, kiosk: kiosk) }
        }
        route(router, .head, "/v1/uploads/:id") { request, context in
            try await faulted(request, context) { body, kiosk in try self.uploadHead(request, context, body, kiosk: kiosk) }
        }
        route(router, .patch, "/v1/uploads/:id") { request, context in
            try await faulted(request, context) { body, kiosk in try self.uploadPatch(request, context, body, kiosk: kiosk) }
        }
        route(router, .post, "/v1/dossiers/:id/submit") { request, context in
            try await faulted(request, context) { body, kiosk in try self.finalize(request, context, body, kiosk: kiosk) }
        }
        route(router, .get, "/v1/dossiers/:id/status") { request, context in
            try await faulted(request, context) { body, kiosk in try self.status(request, context, body, kiosk: kiosk) }
        }
        route(router, .post, "/v1/kiosks/:id/heartbeat") { request, context in
            try await faulted(request, context) { body, kiosk in try self.heartbeat(request, context, body, kiosk: kiosk) }
        }
        registerOperator(on: router)
        if testHooks { registerTestHooks(on: router) }
    }

    /// Adds a route to the router and to the table behind `405 Allow`.
    func route(_ router: Router<IntakeContext>, _ method: HTTPRequest.Method, _ path: String,
               _ handler: @escaping @Sendable (Request, IntakeContext) async throws -> Response) {
        table.add(method, path)
        router.on(RouterPath(path), method: method, use: handler)
    }

    // MARK: Faults and signatures

    /// Reads the body (throttled, possibly cut), authenticates the kiosk, runs `handler` with the
    /// body and the kiosk's key id, and applies the fault profile around it.
    func faulted(_ request: Request, _ context: IntakeContext,
                 _ handler: (Data, String) async throws -> Response) async throws -> Response {
        let now = Date()
        let p = faults.current
        if faults.inOutage(now: now) {
            faults.count("outage")
            return drop(context)
        }
        if p.latencyMs > 0 { try await Task.sleep(for: .milliseconds(p.latencyMs)) }
        let body: Data
        switch try await readBody(request, context, profile: p) {
        case .cut: return drop(context)
        case .tooLarge: return Problems.problem(.contentTooLarge, "too-large", "the body is larger than 5 MiB")
        case .body(let b): body = b
        }
        if faults.roll(p.tooManyRequestsRate) {
            faults.count("429")
            return Problems.problem(.tooManyRequests, "slow-down", "too many requests", headers: [Self.retryAfter: "\(p.retryAfterSeconds)"])
        }
        if faults.roll(p.errorRate) {
            faults.count("5xx")
            let allowed = p.errorStatuses.filter { (400...599).contains($0) }
            let code = allowed.isEmpty ? 500 : allowed[faults.pick(allowed.count)]
            var headers = HTTPFields()
            if code == 503 && p.retryAfterOn503 { headers[Self.retryAfter] = "\(p.retryAfterSeconds)" }
            return Problems.problem(.init(code: code), "injected-\(code)", "injected fault", headers: headers)
        }
        let kiosk: String
        switch try authenticate(request, digest: RequestSignature.digest(body), now: now) {
        case .refused(let response): return response
        case .kiosk(let id): kiosk = id
        }
        var response = try await handler(body, kiosk)
        if let lie = p.lyingUploadOffset, response.headers[Self.uploadOffset] != nil {
            faults.count("lying-offset")
            response.headers[Self.uploadOffset] = lie
        }
        if faults.roll(p.dropResponseRate) {
            faults.count("drop-response")
            return drop(context)
        }
        return response
    }

    enum BodyRead { case body(Data), cut, tooLarge }

    func readBody(_ request: Request, _ context: IntakeContext, profile p: FaultProfile) async throws -> BodyRead {
        let reset = faults.roll(p.resetRate)
        let startPeriod = faults.linePeriod(now: Date())
        if !reset, p.bandwidthKbps ?? 0 <= 0, startPeriod == nil {
            // No fault to apply while reading: take the body in one go.
            var request = request
            do {
                return .body(Data(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
            } catch is NIOTooManyBytesError {
                return .tooLarge
            }
        }
        var data = Data()
        let started = Date()
        for try await chunk in request.body {
            data.append(contentsOf: chunk.readableBytesView)
            if data.count > context.maxUploadSize { return .tooLarge }
            if reset {
                faults.count("reset")
                return .cut
            }
            if let kbps = p.bandwidthKbps, kbps > 0 {
                let due = Double(data.count * 8) / (kbps * 1000)
                let elapsed = Date().timeIntervalSince(started)
                if due > elapsed { try await Task.sleep(for: .seconds(due - elapsed)) }
            }
            if let s = startPeriod, faults.linePeriod(now: Date()) != s {
                faults.count("line-drop")
                return .cut
            }
        }
        return .body(data)
    }

    func drop(_ context: IntakeContext) -> Response {
        context.channel.close(promise: nil)
        return Response(status: .serviceUnavailable)
    }
}
