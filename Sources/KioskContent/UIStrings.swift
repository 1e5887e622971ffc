public import KioskCore
import Foundation

/// Every piece of interface text, by key, in Vietnamese and English.
///
/// The defaults live here so the kiosk always has words to show; staff can
/// change any of them in `Kiosk/locales/vi.yaml` and `en.yaml` without a
/// rebuild. A string may hold `{name}` placeholders, filled by ``format``.
public struct UIStrings: Sendable, Equatable {
    public private(set) var table: [String: LocalizedText]

    public init(table: [String: LocalizedText] = UIStrings.defaults) {
        self.table = table
    }

    public subscript(_ key: String, _ locale: KioskLocale) -> String {
        table[key]?.text(locale) ?? key
    }

    /// `strings.format("ticket.number", .vi, ["number": "A-007"])`
    public func format(_ key: String, _ locale: KioskLocale, _ values: [String: String]) -> String {
        var s = self[key, locale]
        for (k, v) in values { s = s.replacingOccurrences(of: "{\(k)}", with: v) }
        return s
    }

    /// Applies one locale file (`{key: text}`) over the current table.
    public mutating func apply(_ text: String, locale: KioskLocale, file: String) -> [ContentIssue] {
        var issues = IssueCollector(file: file)
        guard let root = YAMLReader.parse(text, issues: &issues) else { return issues.issues }
        guard root.isMapping else {
            issues.error("CONTENT-TYPE", line: root.line, "a locale file must be a mapping of key: text")
            return issues.issues
        }
        for (key, line) in root.keys {
            guard var entry = table[key] else {
                issues.warning("CONTENT-UNKNOWN-KEY", line: line, "'\(key)' is not a key the kiosk uses")
                continue
            }
            guard let value = root.child(key)?.asString(issues: &issues) else { continue }
            switch locale {
            case .vi: entry.vi = value
            case .en: entry.en = value
            }
            table[key] = entry
        }
        return issues.issues
    }

    public static let defaults: [String: LocalizedText] = [
        "welcome.title": LocalizedText(vi: "Xin kính chào Quý khách", en: "Welcome"),
        "welcome.prompt": LocalizedText(vi: "Mời chọn việc cần làm", en: "Please choose what you need"),
        "menu.ticket": LocalizedText(vi: "Lấy số thứ tự", en: "Take a queue ticket"),
        "menu.submit": LocalizedText(vi: "Nộp hồ sơ trực tuyến", en: "Submit a dossier"),
        "menu.lookup": LocalizedText(vi: "Tra cứu hồ sơ", en: "Look up a dossier"),
        "menu.help": LocalizedText(vi: "Gọi cán bộ hỗ trợ", en: "Call staff for help"),
        "hint.touch_or_keys": LocalizedText(vi: "Chạm vào nút hoặc bấm số trên bàn phím",
                                            en: "Touch a button or press its number"),
        "key.help": LocalizedText(vi: "Trợ giúp", en: "Help"),
        "key.back": LocalizedText(vi: "Quay lại", en: "Back"),
        "key.cancel": LocalizedText(vi: "Hủy", en: "Cancel"),
        "key.next_page": LocalizedText(vi: "Trang sau", en: "Next page"),
        "key.prev_page": LocalizedText(vi: "Trang trước", en: "Previous page"),
        "key.done": LocalizedText(vi: "Xong", en: "Done"),
        "key.language": LocalizedText(vi: "English", en: "Tiếng Việt"),
        "area.title": LocalizedText(vi: "Lấy số thứ tự", en: "Take a queue ticket"),
        "area.prompt": LocalizedText(vi: "Quý khách cần làm thủ tục về lĩnh vực nào?",
                                     en: "Which service area do you need?"),
        "ticket.issuing": LocalizedText(vi: "Đang cấp số, xin chờ một chút…", en: "Issuing your number, please wait…"),
        "ticket.your_number": LocalizedText(vi: "Số thứ tự của Quý khách", en: "Your number"),
        "ticket.area": LocalizedText(vi: "Lĩnh vực: {area}", en: "Service: {area}"),
        "ticket.printing": LocalizedText(vi: "Đang in phiếu…", en: "Printing your ticket…"),
        "ticket.wait": LocalizedText(vi: "Trước Quý khách còn {ahead} người. Ước tính chờ khoảng {minutes} phút.",
                                     en: "{ahead} people before you. About {minutes} minutes' wait."),
        "ticket.wait_none": LocalizedText(vi: "Không có ai chờ trước Quý khách. Xin chú ý nghe gọi số.",
                                          en: "Nobody is before you. Please listen for your number."),
        "guide.print": LocalizedText(vi: "In hướng dẫn mang về", en: "Print this guide to take home"),
        "priority.ask": LocalizedText(vi: "Tôi thuộc diện ưu tiên", en: "I have priority"),
        "priority.title": LocalizedText(vi: "Lấy số ưu tiên", en: "Priority ticket"),
        "priority.body": LocalizedText(vi: "Người cao tuổi, người khuyết tật và phụ nữ mang thai được gọi trước. Quý khách thuộc diện nào?",
                                       en: "Older people, people with disabilities and pregnant women are called first. Which applies?"),
        "priority.elderly": LocalizedText(vi: "Người từ {age} tuổi trở lên", en: "Aged {age} or more"),
        "priority.disability": LocalizedText(vi: "Người khuyết tật", en: "Person with a disability"),
        "priority.pregnancy": LocalizedText(vi: "Phụ nữ mang thai", en: "Pregnant woman"),
        "priority.scan_body": LocalizedText(vi: "Xin đưa mã QR trên thẻ căn cước vào máy quét để xác nhận tuổi (từ {age} tuổi). Thông tin trên thẻ không được lưu lại.",
                                            en: "Please hold the QR code of your ID card to the scanner to confirm your age ({age} or more). Nothing from the card is kept."),
        "priority.ordinary": LocalizedText(vi: "Lấy số thường", en: "Take an ordinary ticket"),
        "priority.granted.elderly": LocalizedText(vi: "Số ưu tiên: người cao tuổi", en: "Priority: older person"),
        "priority.granted.disability": LocalizedText(vi: "Số ưu tiên: người khuyết tật", en: "Priority: disability"),
        "priority.granted.pregnancy": LocalizedText(vi: "Số ưu tiên: phụ nữ mang thai", en: "Priority: pregnancy"),
        "ticket.printed": LocalizedText(vi: "Mời Quý khách nhận phiếu ở khe máy in và ngồi chờ gọi số.",
                                        en: "Please take your ticket from the printer and wait to be called."),
        "ticket.print_failed": LocalizedText(
            vi: "Máy in đang gặp sự cố, chưa in được phiếu. Quý khách hãy nhớ hoặc chụp ảnh số trên màn hình; cán bộ sẽ gọi theo số này.",
            en: "The printer has a problem and could not print. Please remember or photograph the number on screen; staff will call it."),
        "ticket.printer_away": LocalizedText(
            vi: "Máy in phiếu đang tạm ngừng. Số thứ tự vẫn hiện trên màn hình; xin chụp ảnh hoặc ghi lại, hoặc mời Quý khách đến quầy tiếp nhận.",
            en: "The ticket printer is out of service. Your number will be shown on screen; photograph or write it down, or go to the counter."),
        "ticket.issue_failed": LocalizedText(
            vi: "Chưa cấp được số thứ tự. Xin Quý khách vui lòng đến quầy tiếp nhận để được hỗ trợ.",
            en: "We could not issue a number. Please go to the reception counter for help."),
        "coming.title": LocalizedText(vi: "Chức năng sắp có", en: "Coming soon"),
        "coming.body": LocalizedText(
            vi: "Chức năng này đang được hoàn thiện và sẽ có trong thời gian tới. Xin Quý khách vui lòng đến quầy tiếp nhận.",
            en: "This function is being finished and will be available soon. Please go to the reception counter."),
        "error.generic": LocalizedText(vi: "Đã có lỗi xảy ra. Xin Quý khách vui lòng đến quầy tiếp nhận.",
                                       en: "Something went wrong. Please go to the reception counter."),
        "screen.too_small": LocalizedText(vi: "Màn hình quá nhỏ", en: "Screen too small"),
        "key.read_more": LocalizedText(vi: "Đọc tiếp", en: "Read on"),
        "key.read_back": LocalizedText(vi: "Đọc lại phần trước", en: "Read back"),
        "key.speech_on": LocalizedText(vi: "Đọc to", en: "Read aloud"),
        "key.speech_off": LocalizedText(vi: "Tắt đọc", en: "Stop reading"),
        "submit.choose_area": LocalizedText(vi: "Quý khách làm thủ tục về lĩnh vực nào?", en: "Which service area?"),
        "submit.choose_procedure": LocalizedText(vi: "Mời chọn thủ tục cần làm.", en: "Please choose the procedure."),
        "submit.none": LocalizedText(vi: "Hiện chưa có thủ tục nào nộp được tại máy. Xin mời đến quầy tiếp nhận.",
                                     en: "No procedure can be submitted at this kiosk yet. Please go to the counter."),
        "guide.bring": LocalizedText(vi: "Quý khách cần mang theo:", en: "Please bring:"),
        "guide.where": LocalizedText(vi: "Nơi nộp và nhận kết quả: {where}", en: "Where to go: {where}"),
        "guide.days": LocalizedText(vi: "Thời gian giải quyết: {days} ngày làm việc.", en: "Processing time: {days} working days."),
        "guide.free": LocalizedText(vi: "Lệ phí: miễn phí.", en: "Fee: free."),
        "guide.fee": LocalizedText(vi: "Lệ phí: {fee}.", en: "Fee: {fee}."),
        "guide.start": LocalizedText(vi: "Bắt đầu khai", en: "Start"),
        "identify.title": LocalizedText(vi: "Người nộp hồ sơ là ai?", en: "Who is applying?"),
        "identify.body": LocalizedText(vi: "Quét mã QR trên thẻ căn cước để điền sẵn thông tin, hoặc nhập số căn cước.",
                                       en: "Scan the QR code on your ID card to fill in your details, or type the ID number."),
        "identify.scan": LocalizedText(vi: "Quét mã QR trên thẻ căn cước", en: "Scan the ID card QR code"),
        "identify.type": LocalizedText(vi: "Nhập số căn cước (12 số)", en: "Type the ID number (12 digits)"),
        "identify.type_body": LocalizedText(vi: "Nhập 12 chữ số trên thẻ căn cước, rồi bấm Enter.",
                                            en: "Type the 12 digits on the ID card, then press Enter."),
        "identify.scan_title": LocalizedText(vi: "Đưa thẻ vào máy quét", en: "Hold the card to the scanner"),
        "identify.scan_body": LocalizedText(vi: "Đưa mã QR ở mặt trước thẻ căn cước vào dưới máy quét, cách khoảng một gang tay.",
                                            en: "Hold the QR code on the front of the ID card under the scanner, about a hand's width away."),
        "journey.step": LocalizedText(vi: "Bước {i}/{n}", en: "Step {i}/{n}"),
        "question.empty": LocalizedText(vi: "(chưa có)", en: "(empty)"),
        "question.type": LocalizedText(vi: "Nhập câu trả lời", en: "Type the answer"),
        "question.change": LocalizedText(vi: "Sửa lại", en: "Change it"),
        "question.keep": LocalizedText(vi: "Giữ nguyên, tiếp tục", en: "Keep it, continue"),
        "question.confirm_prefilled": LocalizedText(vi: "Đúng rồi, tiếp tục", en: "Correct, continue"),
        "question.skip": LocalizedText(vi: "Bỏ qua câu này", en: "Skip this question"),
        "question.old_address": LocalizedText(vi: "Trên thẻ ghi (trước sáp nhập): {address}. Máy đã đổi sang tên xã, tỉnh mới.",
                                              en: "The card says (before the 2025 mergers): {address}. The kiosk has put the new commune and province."),
        "review.title": LocalizedText(vi: "Kiểm tra lại thông tin", en: "Check your answers"),
        "review.body": LocalizedText(vi: "Chạm vào dòng nào hoặc bấm số của dòng đó để sửa.",
                                     en: "Touch a line or press its number to change it."),
        "review.page": LocalizedText(vi: "Trang {i}/{n}", en: "Page {i}/{n}"),
        "review.all_correct": LocalizedText(vi: "Đúng hết, tiếp tục", en: "All correct, continue"),
        "consent.title": LocalizedText(vi: "Đồng ý cho sử dụng thông tin", en: "Consent to the use of your data"),
        "consent.purpose": LocalizedText(vi: "Mục đích: {text}", en: "Purpose: {text}"),
        "consent.retention": LocalizedText(vi: "Thời gian lưu giữ: {text}", en: "Kept for: {text}"),
        "consent.recipients": LocalizedText(vi: "Ai nhận thông tin: {text}", en: "Who receives it: {text}"),
        "consent.agree": LocalizedText(vi: "Tôi đồng ý và nộp hồ sơ", en: "I agree, submit the dossier"),
        "submit.sending_title": LocalizedText(vi: "Đang ghi nhận hồ sơ", en: "Recording your dossier"),
        "submit.sending": LocalizedText(vi: "Xin chờ trong giây lát…", en: "Please wait a moment…"),
        "submit.failed_title": LocalizedText(vi: "Chưa ghi nhận được hồ sơ", en: "The dossier was not recorded"),
        "submit.failed": LocalizedText(vi: "Máy chưa ghi nhận được hồ sơ. Xin Quý khách đến quầy tiếp nhận, cán bộ sẽ giúp.",
                                       en: "The kiosk could not record the dossier. Please go to the counter; staff will help."),
        "receipt.title": LocalizedText(vi: "Đã nhận hồ sơ. Cảm ơn Quý khách!", en: "Dossier received. Thank you!"),
        "receipt.code": LocalizedText(vi: "Mã hồ sơ: {code}", en: "Dossier code: {code}"),
        "receipt.lookup": LocalizedText(vi: "Mã tra cứu: {code}", en: "Lookup code: {code}"),
        "receipt.appointment": LocalizedText(vi: "Ngày hẹn trả kết quả: {date}", en: "Result expected on: {date}"),
        "receipt.where": LocalizedText(vi: "Bước tiếp theo: mang giấy tờ bản chính đến {where} để cán bộ kiểm tra.",
                                       en: "Next: bring the original documents to {where} for checking."),
        "receipt.printing": LocalizedText(vi: "Đang in biên nhận…", en: "Printing the receipt…"),
        "receipt.printed": LocalizedText(vi: "Mời nhận biên nhận ở khe máy in và giữ lại để tra cứu.",
                                         en: "Please take the receipt from the printer and keep it."),
        "receipt.print_failed": LocalizedText(vi: "Máy in đang gặp sự cố. Xin ghi lại hoặc chụp ảnh mã hồ sơ và mã tra cứu trên màn hình.",
                                              en: "The printer has a problem. Please write down or photograph the codes on screen."),
        "lookup.code_title": LocalizedText(vi: "Tra cứu hồ sơ", en: "Look up a dossier"),
        "lookup.code_body": LocalizedText(vi: "Quét mã QR trên biên nhận, hoặc nhập mã hồ sơ (12 chữ số) rồi bấm Enter.",
                                          en: "Scan the QR code on the receipt, or type the dossier code (12 digits) and press Enter."),
        "lookup.secret_title": LocalizedText(vi: "Nhập mã tra cứu", en: "Type the lookup code"),
        "lookup.secret_body": LocalizedText(vi: "Nhập mã tra cứu (6 chữ số) in trên biên nhận, rồi bấm Enter.",
                                            en: "Type the lookup code (6 digits) printed on the receipt, then press Enter."),
        "lookup.searching": LocalizedText(vi: "Đang tìm hồ sơ…", en: "Looking for the dossier…"),
        "lookup.not_found": LocalizedText(vi: "Không tìm thấy hồ sơ với mã này. Xin kiểm tra lại mã trên biên nhận.",
                                          en: "No dossier matches these codes. Please check the codes on the receipt."),
        "lookup.again": LocalizedText(vi: "Tra cứu hồ sơ khác", en: "Look up another"),
        "lookup.result_code": LocalizedText(vi: "Hồ sơ số {code}", en: "Dossier {code}"),
        "lookup.offline": LocalizedText(vi: "(Đường truyền đang gián đoạn: đây là thông tin lưu tại máy.)",
                                        en: "(The line is down: this is the information stored at the kiosk.)"),
        "status.received": LocalizedText(vi: "Đã tiếp nhận, đang chờ xử lý.", en: "Received, waiting to be processed."),
        "status.processing": LocalizedText(vi: "Đang được giải quyết.", en: "Being processed."),
        "status.needs-documents": LocalizedText(vi: "Cần bổ sung giấy tờ:", en: "More documents are needed:"),
        "status.ready": LocalizedText(vi: "Đã có kết quả. Mời Quý khách đến nhận.", en: "Ready. Please come and collect it."),
        "status.rejected": LocalizedText(vi: "Hồ sơ không được giải quyết. Xin đến quầy để được giải thích.",
                                         en: "The dossier was refused. Please come to the counter for an explanation."),
        "status.returned": LocalizedText(vi: "Hồ sơ đã được trả lại. Xin đến quầy tiếp nhận.",
                                         en: "The dossier was returned. Please come to the counter."),
        "help.title": LocalizedText(vi: "Gọi cán bộ hỗ trợ", en: "Call staff"),
        "help.coming": LocalizedText(vi: "Cán bộ sẽ đến giúp Quý khách trong ít phút. Xin vui lòng chờ tại máy.",
                                     en: "A member of staff will come to help you in a few minutes. Please wait at the kiosk."),
        "help.recorded": LocalizedText(vi: "Đã báo cán bộ.", en: "Staff have been called."),
        "help.failed": LocalizedText(vi: "Chưa báo được cán bộ. Xin Quý khách đến quầy tiếp nhận.",
                                     en: "Staff could not be called. Please go to the counter."),
        "help.how": LocalizedText(vi: "Bấm số hoặc chạm vào nút để chọn. Phím 9 để quay lại, phím * để hủy. Cần người giúp, bấm 1.",
                                  en: "Press a number or touch a button. 9 goes back, * cancels. For a person to help, press 1."),
        "help.call": LocalizedText(vi: "Gọi cán bộ đến giúp", en: "Call a member of staff"),
        "help.close": LocalizedText(vi: "Quay lại", en: "Back"),
        "cancel.title": LocalizedText(vi: "Hủy hồ sơ đang khai?", en: "Cancel this dossier?"),
        "cancel.body": LocalizedText(vi: "Những gì đã khai sẽ bị xóa.", en: "What you have entered will be deleted."),
        "cancel.yes": LocalizedText(vi: "Có, hủy và về màn hình đầu", en: "Yes, cancel"),
        "cancel.no": LocalizedText(vi: "Không, khai tiếp", en: "No, continue"),
        "idle.title": LocalizedText(vi: "Quý khách còn ở đây không?", en: "Are you still there?"),
        "idle.body": LocalizedText(vi: "Bấm phím bất kỳ hoặc chạm vào màn hình để khai tiếp.",
                                   en: "Press any key or touch the screen to continue."),
        "idle.caption": LocalizedText(vi: "Giây còn lại trước khi xóa thông tin:", en: "Seconds before your details are cleared:"),
        "idle.continue": LocalizedText(vi: "Tôi vẫn đang làm", en: "I am still here"),
        "kb.done": LocalizedText(vi: "Xong", en: "Done"),
        "kb.delete": LocalizedText(vi: "Xóa", en: "Delete"),
        "kb.space": LocalizedText(vi: "Dấu cách", en: "Space"),
        "kb.numbers": LocalizedText(vi: "Số 0–9", en: "Digits 0–9"),
        "kb.letters": LocalizedText(vi: "Về chữ cái", en: "Back to letters"),
        "kb.tones": LocalizedText(vi: "Dấu thanh", en: "Tone marks"),
        "kb.back": LocalizedText(vi: "Quay lại", en: "Back"),
        "kb.leave": LocalizedText(vi: "Thôi, không nhập", en: "Stop typing"),
        "kb.tone.acute": LocalizedText(vi: "sắc", en: "acute"),
        "kb.tone.grave": LocalizedText(vi: "huyền", en: "grave"),
        "kb.tone.hook": LocalizedText(vi: "hỏi", en: "hook"),
        "kb.tone.tilde": LocalizedText(vi: "ngã", en: "tilde"),
        "kb.tone.dot": LocalizedText(vi: "nặng", en: "dot"),
        "kb.tone.none": LocalizedText(vi: "bỏ dấu", en: "no tone"),
        // Helper mode (staff)
        "helper.banner": LocalizedText(vi: "CHẾ ĐỘ HỖ TRỢ – cán bộ: {name}", en: "ASSISTED MODE – staff: {name}"),
        "helper.banner_unsigned": LocalizedText(vi: " – CHƯA KÝ SỐ ĐƯỢC", en: " – CANNOT SIGN"),
        "helper.sign_waiting": LocalizedText(vi: "Ký {count} hồ sơ đang chờ chữ ký số", en: "Sign {count} dossiers waiting for a signature"),
        "staff.login_title": LocalizedText(vi: "Đăng nhập cán bộ", en: "Staff login"),
        "staff.login_body": LocalizedText(vi: "Quét thẻ cán bộ, hoặc nhập mã cán bộ rồi bấm Enter.",
                                          en: "Scan your staff badge, or type your staff number and press Enter."),
        "staff.pin_title": LocalizedText(vi: "Mã PIN của cán bộ {number}", en: "PIN for staff {number}"),
        "staff.pin_body": LocalizedText(vi: "Nhập mã PIN rồi bấm Enter. Nhập sai 5 lần thì tài khoản bị khóa 30 phút.",
                                        en: "Type the PIN and press Enter. Five wrong PINs lock the account for 30 minutes."),
        "staff.checking": LocalizedText(vi: "Đang kiểm tra…", en: "Checking…"),
        "helper.title": LocalizedText(vi: "Chế độ hỗ trợ", en: "Assisted mode"),
        "helper.who": LocalizedText(vi: "Cán bộ: {name} ({number})", en: "Staff: {name} ({number})"),
        "helper.menu": LocalizedText(vi: "Menu cán bộ", en: "Staff menu"),
        "helper.continue": LocalizedText(vi: "Tiếp tục hồ sơ của công dân", en: "Continue the citizen's dossier"),
        "helper.submit": LocalizedText(vi: "Nộp hồ sơ giúp công dân", en: "Submit a dossier for a citizen"),
        "helper.help_calls": LocalizedText(vi: "Yêu cầu hỗ trợ đang chờ", en: "Waiting help calls"),
        "helper.dead_letters": LocalizedText(vi: "Hồ sơ chưa gửi được", en: "Dossiers that could not be sent"),
        "helper.alerts": LocalizedText(vi: "Cảnh báo thiết bị", en: "Device alerts"),
        "helper.act_help_calls": LocalizedText(vi: "Bấm số của yêu cầu đã được giải quyết.", en: "Press the number of a call that was answered."),
        "helper.act_dead_letters": LocalizedText(vi: "Bấm số để gửi lại hồ sơ.", en: "Press a number to send the dossier again."),
        "helper.act_alerts": LocalizedText(vi: "Bấm số để xác nhận đã xử lý cảnh báo.", en: "Press a number to acknowledge an alert."),
        "helper.none": LocalizedText(vi: "Không có mục nào.", en: "Nothing here."),
        "helper.reprint": LocalizedText(vi: "In lại biên nhận", en: "Reprint a receipt"),
        "helper.reprint_body": LocalizedText(vi: "Nhập mã hồ sơ 12 chữ số trên biên nhận, hoặc trong phần tra cứu.",
                                             en: "Type the 12-digit dossier code."),
        "helper.end": LocalizedText(vi: "Kết thúc hỗ trợ", en: "End assisted mode"),
        "helper.override_title": LocalizedText(vi: "Lý do sửa thông tin trên thẻ", en: "Why change what the card says"),
        "helper.override_body": LocalizedText(vi: "{field} Trên thẻ: «{old}». Sửa thành: «{new}». Chọn lý do:",
                                              en: "{field} On the card: «{old}». New: «{new}». Choose the reason:"),
        "helper.att_title": LocalizedText(vi: "Giấy tờ kèm theo", en: "Documents"),
        "helper.att_body": LocalizedText(vi: "Chọn từng giấy tờ để gắn bản quét hoặc xác nhận đã xem bản gốc.",
                                         en: "Choose each document to attach a scan or confirm the original was checked."),
        "helper.att_scanned": LocalizedText(vi: "đã gắn bản quét {file}", en: "scan {file} attached"),
        "helper.att_original": LocalizedText(vi: "đã kiểm tra bản gốc", en: "original checked"),
        "helper.att_missing": LocalizedText(vi: "chưa có", en: "missing"),
        "helper.att_bring": LocalizedText(vi: "mang bản gốc đến quầy", en: "original to the counter"),
        "helper.att_done": LocalizedText(vi: "Tiếp tục", en: "Continue"),
        "helper.att_use": LocalizedText(vi: "Dùng bản quét {file}", en: "Use scan {file}"),
        "helper.att_original_checked": LocalizedText(vi: "Đã kiểm tra bản gốc tại quầy", en: "Original checked at the counter"),
        "helper.att_choose": LocalizedText(vi: "Các bản quét mới nhất trong thư mục nhận bản quét:", en: "Newest scans in the scan inbox:"),
        "helper.att_inbox_empty": LocalizedText(vi: "Thư mục nhận bản quét đang trống. Quét giấy tờ rồi chọn lại, hoặc xác nhận đã xem bản gốc.",
                                                en: "The scan inbox is empty. Scan the document and choose again, or confirm the original."),
        "helper.summary_title": LocalizedText(vi: "Cán bộ đã nhập giúp Quý khách", en: "What staff entered for you"),
        "helper.summary_who": LocalizedText(vi: "Cán bộ {name} đã nhập hoặc sửa những thông tin sau:",
                                            en: "Staff member {name} entered or changed:"),
        "helper.summary_changed": LocalizedText(vi: "• {field}: sửa «{old}» thành «{new}» (lý do: {reason})",
                                                en: "• {field}: changed «{old}» to «{new}» (reason: {reason})"),
        "helper.summary_scanned": LocalizedText(vi: "• Đã gắn bản quét: {title}", en: "• Scan attached: {title}"),
        "helper.summary_original": LocalizedText(vi: "• Đã kiểm tra bản gốc: {title}", en: "• Original checked: {title}"),
        "helper.summary_nothing": LocalizedText(vi: "• Cán bộ chưa nhập thông tin nào.", en: "• Staff entered nothing."),
        "helper.summary_ask": LocalizedText(vi: "Xin Quý khách đọc lại. Nếu đúng, bấm 1.", en: "Please read it. If it is right, press 1."),
        "helper.summary_ok": LocalizedText(vi: "Tôi đã xem, thông tin đúng", en: "I have read it, it is right"),
        "helper.summary_unable": LocalizedText(vi: "Công dân không tự xác nhận được", en: "The citizen cannot confirm"),
        "helper.unable_title": LocalizedText(vi: "Vì sao công dân không tự xác nhận?", en: "Why can the citizen not confirm?"),
        "helper.unable_body": LocalizedText(vi: "Cán bộ chọn lý do. Lý do được ghi vào hồ sơ và nhật ký.",
                                            en: "Choose the reason. It goes into the dossier and the audit log."),
    ]
}
