import Foundation
import KioskSigning

/// The intake's HPKE key pair on disk (`onestop-intake seal-keygen`, `serve --seal-key`): the
/// private key (one base64 line, mode 0600) and beside it `FILE.pub`, the public key the kiosks
/// are given (`kioskd --intake-seal-key`, kiosk.yaml `intake.seal_key`).
///
/// ```swift
/// let publicKey = try SealKeyFile.generate(at: "/etc/onestop-intake/seal.key")   // base64, also in seal.key.pub
/// try SealKeyFile.check(path: "/etc/onestop-intake/seal.key")
/// ```
public enum SealKeyFile {
    /// Writes a new key pair; refuses to replace a key (dossiers sealed to it could no longer be opened).
    public static func generate(at path: String) throws -> String {
        guard !FileManager.default.fileExists(atPath: path) else {
            throw DossierSealError.badKey("\(path) exists; a new key would leave dossiers sealed to the old one unopened")
        }
        let key = DossierSeal.PrivateKey()
        try key.write(to: path)
        return key.publicKey.base64
    }

    /// Throws unless `path` holds a private key the intake can open seals with.
    public static func check(path: String) throws {
        _ = try DossierSeal.PrivateKey.load(path: path)
    }
}
