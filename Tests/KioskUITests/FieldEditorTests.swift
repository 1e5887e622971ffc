import Foundation
import KioskCore
import KioskTerminal
import KioskUI
import Testing

/// The keys a citizen presses to type `text` on the numeric keypad: a letter is the digit of its
/// group and then its place in the group (Telex marks are letters too: "hamf" gives "Hàm"), a space
/// is 0, a digit or a comma goes through the number pad (7, then the digit, or + for a comma, then
/// Enter back to the letters).
func keypadKeys(_ text: String) -> [Key] {
    text.flatMap { c -> [Key] in
        switch c {
        case " ": return [.character("0")]
        case ",": return [.character("7"), .character("+"), .enter]
        case _ where c.isNumber: return [.character("7"), .character(c), .enter]
        default:
            let upper = Character(c.uppercased())
            guard let g = FieldEditor.groups.firstIndex(where: { $0.contains(upper) }),
                  let i = FieldEditor.groups[g].firstIndex(of: upper) else { preconditionFailure("'\(c)' is not on the keypad") }
            return [.character(Character("\(g + 1)")), .character(Character("\(i + 1)"))]
        }
    }
}

/// Types `text` into `editor` with the keypad's keys (see `keypadKeys`).
func keypad(_ text: String, into editor: inout FieldEditor, sourceLocation: SourceLocation = #_sourceLocation) {
    for k in keypadKeys(text) { #expect(editor.handle(k) == .editing, sourceLocation: sourceLocation) }
}

/// An address editor as a question of type `address` opens it.
func addressEditor(initial: String = "", fullKeyboard: Bool = false) -> FieldEditor {
    var e = FieldEditor(kind: .text, initial: initial, fullKeyboard: fullKeyboard)
    e.capitalizeWords = true
    e.addressCasing = true
    return e
}

@Suite struct FieldEditorAddressTests {
    @Test(arguments: [
        ("hamf thuaanj nam", "Hàm Thuận Nam"),
        ("thoon 3, xax hamf thanhj", "Thôn 3, xã Hàm Thạnh"),
        ("thoon 3, xax hamf thanhj, tinhr laam ddoongf", "Thôn 3, xã Hàm Thạnh, tỉnh Lâm Đồng"),
        ("soos 12, dduwowngf traanf phus, thanhf phoos hoof chis minh",
         "Số 12, đường Trần Phú, thành phố Hồ Chí Minh"),
        ("phuwowngf beens thanhf", "Phường Bến Thành"),
        ("beens thanhf", "Bến Thành"),
        ("thanhf phoos hoof chis minh", "Thành phố Hồ Chí Minh"),
        ("toor 5, khu phoos 3, phuwowngf an lacj", "Tổ 5, khu phố 3, phường An Lạc"),
        ("thoon 3,xax hamf myx", "Thôn 3,xã Hàm Mỹ"),
    ])
    func typedOnTheKeypad(keys: String, expected: String) {
        var e = addressEditor()
        keypad(keys, into: &e)
        #expect(e.handle(.enter) == .commit(expected))
    }

    @Test func aUnitWordIsMadeSmallWhenItIsFinishedNotBefore() {
        var e = addressEditor()
        keypad("thoon 3, xax", into: &e)
        #expect(e.value == "Thôn 3, Xã")        // still being typed: it may become "Xãa"… or take a tone
        keypad(" ", into: &e)
        #expect(e.value == "Thôn 3, xã ")
        keypad("hamf thanhj, thanhf", into: &e)
        #expect(e.value == "Thôn 3, xã Hàm Thạnh, Thành")   // "Thành" alone could be a name
        keypad(" phoos", into: &e)
        #expect(e.value == "Thôn 3, xã Hàm Thạnh, Thành Phố")
        #expect(e.handle(.enter) == .commit("Thôn 3, xã Hàm Thạnh, thành phố"))   // Xong finishes it
    }

    @Test func aUnitWordFinishedByTheCommaKey() {
        var e = addressEditor()
        keypad("thoon 3, toor", into: &e)
        keypad(",", into: &e)
        #expect(e.value == "Thôn 3, tổ,")
    }

    @Test func tapsOnTheScreenKeyboardToo() {
        var e = addressEditor()
        func tap(_ word: String) {
            for c in word {
                let upper = Character(c.uppercased())
                let g = FieldEditor.groups.firstIndex { $0.contains(upper) }!
                _ = e.press(.group(g))
                _ = e.press(.letter(upper))
            }
        }
        tap("hamf"); _ = e.press(.space); tap("thuaanj"); _ = e.press(.space); tap("nam")
        #expect(e.press(.enter) == .commit("Hàm Thuận Nam"))
        e = addressEditor(initial: "Thôn 3, ")
        tap("xa"); _ = e.press(.tones); _ = e.press(.tone(3)); _ = e.press(.space); tap("hamf")
        #expect(e.press(.enter) == .commit("Thôn 3, xã Hàm"))
    }

    @Test func deletingAWordForgetsItsCapital() {
        var e = addressEditor()
        keypad("thoon 3, x", into: &e)
        _ = e.handle(.backspace)
        _ = e.handle(.character("X"))    // typed upper case on a real keyboard: not the editor's capital
        _ = e.handle(.character("a"))
        _ = e.handle(.character("x"))
        #expect(e.handle(.enter) == .commit("Thôn 3, Xã"))
    }

    @Test func anAnswerAlreadyThereIsLeftAsItIs() {
        // The card's address ("Xã", "Huyện" as the card writes them), opened to add to it.
        var e = addressEditor(initial: "Thôn 3, Xã Hàm Mỹ")
        keypad(", huyeenj hamf thuaanj nam", into: &e)
        #expect(e.handle(.enter) == .commit("Thôn 3, Xã Hàm Mỹ, huyện Hàm Thuận Nam"))
    }

    /// Staff on a full keyboard type real capitals and small letters: the editor never chooses
    /// their case, so it does not change it either.
    @Test func aFullKeyboardKeepsTheCaseTyped() {
        var e = addressEditor(fullKeyboard: true)
        for c in "Thoon 3, Xax Hamf Thanhj" { _ = e.handle(.character(c)) }
        #expect(e.handle(.enter) == .commit("Thôn 3, Xã Hàm Thạnh"))
        e = addressEditor(fullKeyboard: true)
        for c in "thoon 3, xax hamf thanhj" { _ = e.handle(.character(c)) }
        #expect(e.handle(.enter) == .commit("thôn 3, xã hàm thạnh"))
        // The on-screen letters, tapped by staff, are the editor's: the rule applies to them.
        e = addressEditor(initial: "Thôn 3, ", fullKeyboard: true)
        _ = e.press(.group(4)); _ = e.press(.letter("X")); _ = e.press(.group(0)); _ = e.press(.letter("A"))
        _ = e.press(.tones); _ = e.press(.tone(3)); _ = e.press(.space)
        #expect(e.value == "Thôn 3, xã ")
    }

    @Test func aNameIsNotAnAddress() {
        var e = FieldEditor(kind: .text, initial: "")   // a name: capitalizeWords, no addressCasing
        keypad("nguyeenx vawn an", into: &e)
        #expect(e.handle(.enter) == .commit("Nguyễn Văn An"))
        e = FieldEditor(kind: .text, initial: "")
        keypad("thanhf phoos, xax", into: &e)
        #expect(e.handle(.enter) == .commit("Thành Phố, Xã"))
    }
}

/// The questions of a procedure, through the kiosk's own update: an address question opens an editor
/// with the address rule, a name question one without it.
@Suite struct AddressQuestionTests {
    /// Khai sinh, identified by the card: on its prefilled name question.
    func onTheNameQuestion() -> GoldenWalk {
        var w = GoldenWalk()
        w.keys("214")   // a dossier, Hộ tịch, Đăng ký khai sinh: its guide
        w.keys("11")    // start, identify by the card
        w.send(.scannerAvailable(true))
        w.keys("91")
        w.send(.scanned(GoldenWalks.card))
        return w
    }

    /// Opens the editor on the question showing, empties it, types `text` on the keypad, Xong.
    func retype(_ w: inout GoldenWalk, _ text: String) -> String? {
        let id = w.m.session.journey.flatMap { j -> String? in if case .question(let id) = j.step { id } else { nil } }
        w.keys("1")
        for _ in 0..<80 { w.send(.input(.key(.backspace))) }
        for k in keypadKeys(text) { w.send(.input(.key(k))) }
        w.enter()
        return id.flatMap { w.m.session.journey?.value($0) }.map(AnswerValidation.display)
    }

    @Test func anAddressTypedOnTheKeypad() throws {
        var w = onTheNameQuestion()
        w.keys("2")     // the name is right
        w.keys("2")     // the ID number is right: the address, from the card
        let j = try #require(w.m.session.journey)
        guard case .question(let id) = j.step else { Issue.record("not on a question: \(j.step)"); return }
        #expect(j.procedure.question(id)?.type == .address)
        w.keys("1")
        #expect(w.m.session.editor?.addressCasing == true)
        #expect(w.m.session.editor?.capitalizeWords == true)
        w.keys("*")
        #expect(retype(&w, "thoon 3, xax hamf thanhj, tinhr laam ddoongf") == "Thôn 3, xã Hàm Thạnh, tỉnh Lâm Đồng")
    }

    @Test func aNameTypedOnTheKeypad() throws {
        var w = onTheNameQuestion()
        let j = try #require(w.m.session.journey)
        guard case .question(let id) = j.step else { Issue.record("not on a question: \(j.step)"); return }
        #expect(j.procedure.question(id)?.type == .text)
        w.keys("1")
        #expect(w.m.session.editor?.addressCasing == false)
        w.keys("*")
        #expect(retype(&w, "thanhf phoos thij xax") == "Thành Phố Thị Xã")
    }
}
