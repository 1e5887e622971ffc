import Foundation
import KioskContent
import KioskCore
import KioskTerminal

/// Keys and taps: what they mean comes from the model alone (the idle
/// warning, the technician's keys, the field being typed in) and from the
/// ``Keymap`` of the frame drawn last (which button a key or a tap presses).
extension KioskApp {
    static func input(_ model: KioskModel, _ event: InputEvent) -> (KioskModel, [Command]) {
        if case .mouse(let mouse) = event, mouse.kind != .press { return (model, []) }
        if case .unknown = event { return (model, []) }
        var (m, commands) = handle(model, event)
        // A person arrived (their first key or tap): the key that turns speech on is announced, once.
        if !model.session.greeted, m.session.id == model.session.id, !commands.contains(.quit) {
            m.session.greeted = true
            if !m.speech { commands.append(.speak(m.s("speech.arrival"), locale: m.locale)) }
        }
        return (m, commands)
    }

    /// Volume keys + and - (not while typing): ten percent a press, said at the new volume.
    static func changeVolume(_ model: KioskModel, by delta: Int) -> (KioskModel, [Command]) {
        var m = model
        m.volume = min(100, max(10, m.volume + delta * 10))
        let words = m.content.strings.format("speech.volume", m.locale, ["percent": "\(m.volume)"])
        return (m, [.setVolume(m.volume), .speak(words, locale: m.locale)])
    }

    static func handle(_ model: KioskModel, _ event: InputEvent) -> (KioskModel, [Command]) {
        var m = model
        m.session.lastInput = m.uptime
        let commands: [Command] = m.speech ? [.speak(nil)] : []
        // Any key answers the inactivity warning, and does nothing else.
        if m.overlay == .idleWarning {
            m.overlay = nil
            m.session.warningSince = nil
            m.session.extensions += 1
            return (m, commands)
        }
        switch event {
        case .key(.control("c")) where m.demo:
            return (m, [.quit])
        case .key(.control("]")):
            m.exitArmed = true
            return (m, [])
        case .key(.character("q")) where m.exitArmed:
            return (m, [.quit])
        case .key(.character("*")) where HelperMode.staffSequenceKey(m) != nil:
            m.exitArmed = false
            return HelperMode.staffSequenceKey(m)!
        case .key(.character("#")):
            m.exitArmed = false
            m.speech.toggle()
            m.session.greeted = true
            return (m, m.speech ? [] : [.speak(nil)])
        case .key(.character(let c)) where (c == "+" || c == "-") && m.session.editor == nil:
            m.exitArmed = false
            return changeVolume(m, by: c == "+" ? 1 : -1)
        default:
            m.exitArmed = false
        }
        // Typing in a field.
        if m.session.editor != nil, case .key(let key) = event {
            let (next, more) = editorKey(m, key)
            return (next, commands + more)
        }
        let keys = m.keymap
        switch event {
        case .key(let key):
            switch key {
            case .character(let c):
                if let b = keys.button(forKey: String(c)) {
                    let (next, more) = perform(m, b.action)
                    return (next, commands + more)
                }
                let fixed: Action? = c == "9" ? .back : c == "*" ? .cancel : c == "0" ? .showHelp : nil
                if let fixed, m.overlay == nil {
                    let (next, more) = perform(m, fixed)
                    return (next, commands + more)
                }
                return (m, commands)
            case .up, .left:
                if !keys.buttons.isEmpty { m.focus = (m.focus + keys.buttons.count - 1) % keys.buttons.count }
            case .down, .right, .tab:
                if !keys.buttons.isEmpty { m.focus = (m.focus + 1) % keys.buttons.count }
            case .enter:
                if keys.buttons.indices.contains(m.focus) {
                    let (next, more) = perform(m, keys.buttons[m.focus].action)
                    return (next, commands + more)
                }
            case .escape, .backspace:
                let (next, more) = perform(m, .back)
                return (next, commands + more)
            default:
                break
            }
            return (m, commands)
        case .mouse(let mouse):
            if let b = keys.button(atColumn: mouse.column, row: mouse.row) {
                let (next, more) = perform(m, b.action)
                return (next, commands + more)
            }
            return (m, commands)
        case .unknown:
            return (m, commands)
        }
    }

    // MARK: Typing

    static func editorKey(_ model: KioskModel, _ key: Key) -> (KioskModel, [Command]) {
        var m = model
        guard var editor = m.session.editor else { return (m, []) }
        m.session.error = nil
        let outcome = editor.handle(key)
        m.session.editor = editor
        return editorOutcome(m, outcome)
    }

    static func editorPress(_ model: KioskModel, _ key: KeyboardKey) -> (KioskModel, [Command]) {
        var m = model
        guard var editor = m.session.editor else { return (m, []) }
        m.session.error = nil
        let outcome = editor.press(key)
        m.session.editor = editor
        return editorOutcome(m, outcome)
    }

    /// A field was committed or left: the flow on screen decides what it means.
    static func editorOutcome(_ model: KioskModel, _ outcome: FieldEditor.Outcome) -> (KioskModel, [Command]) {
        var m = model
        switch outcome {
        case .editing:
            return (m, [])
        case .leave:
            switch m.screen {
            case .helperMode(let s): if let handled = HelperMode.leave(m, s) { return handled }
            case .lookupFlow(let s): return LookupFlow.leave(m, s)
            default: break
            }
            m.session.editor = nil
            return (m, [])
        case .commit(let text):
            switch m.screen {
            case .helperMode(let s): if let handled = HelperMode.commit(m, s, text) { return handled }
            case .dossierFlow(.journey): return DossierFlow.commit(m, text)
            case .lookupFlow(let s): if let handled = LookupFlow.commit(m, s, text) { return handled }
            default: break
            }
            m.session.editor = nil
            return (m, [])
        }
    }
}
