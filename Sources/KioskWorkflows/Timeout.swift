/// Runs `body`, giving up after `seconds`: nil then (the body's task is cancelled).
///
/// ```swift
/// let status = await withTimeout(seconds: 4) { await forwarder.refresh(dossierID: id, code: code) } ?? nil
/// ```
public func withTimeout<T: Sendable>(seconds: Double, _ body: @escaping @Sendable () async -> T) async -> T? {
    await withTaskGroup(of: T?.self) { group in
        group.addTask { await body() }
        group.addTask {
            try? await Task.sleep(for: .seconds(seconds))
            return nil
        }
        let first = await group.next() ?? nil
        group.cancelAll()
        return first
    }
}
