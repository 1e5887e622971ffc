import Foundation
public import KioskContent
import KioskCore
public import KioskDocuments
import KioskLayout

/// The staff and citizen handbook, composed from the content so it stays true: each procedure's
/// papers, fees, deadline and legal basis from `Kiosk/procedures/`, whether it has a printed form
/// (`Kiosk/forms/`), how to use the kiosk with the screenshots of `docs/screenshots`, and for
/// staff: helper mode, the counter page, and what to do when a printer or the line fails.
///
/// ```swift
/// let book = HandbookContent.book(bundle, screenshots: "docs/screenshots")
/// try Data(try HandbookRenderer().render(book)).write(to: URL(fileURLWithPath: "handbook.pdf"))
/// ```
public enum HandbookContent {
    public static func book(_ content: ContentBundle, screenshots: String?) -> Handbook {
        let centre = content.services.centre
        func shot(_ name: String) -> String? {
            guard let dir = screenshots else { return nil }
            let path = "\(dir)/\(name)"
            return FileManager.default.fileExists(atPath: path) ? path : nil
        }
        var use: [Handbook.Block] = [
            .paragraph("Ki-ốt hỏi từng câu một, chữ to, tương phản cao. Ông/Bà chạm vào nút trên màn hình hoặc bấm số trên bàn phím. "
                + "Phím 9 để quay lại, phím * để về màn hình đầu, phím 0 để được trợ giúp, phím # để bật hoặc tắt tiếng đọc."),
        ]
        let steps: [(String, String)] = [
            ("01-welcome.png", "Màn hình đầu: lấy số thứ tự, nộp hồ sơ, tra cứu hồ sơ hoặc gọi cán bộ hỗ trợ."),
            ("02-question.png", "Mỗi câu hỏi một màn hình; chữ nhập bằng bàn phím trên màn hình (một số mở nhóm chữ, số thứ hai chọn chữ)."),
            ("03-review.png", "Xem lại: mỗi câu trả lời một dòng; bấm số của dòng để sửa."),
            ("04-receipt.png", "Đã ghi nhận hồ sơ: mã hồ sơ, mã tra cứu, ngày hẹn trả dự kiến (ước tính; cán bộ một cửa ghi ngày hẹn chính thức trên giấy tiếp nhận hồ sơ). Phiếu nộp hồ sơ in ra ở máy in nhỏ; tờ khai in sẵn ra ở máy in A4."),
        ]
        for (file, caption) in steps {
            if let path = shot(file) { use.append(.image(path: path, width: 0.62, caption: caption)) } else { use.append(.paragraph(caption)) }
        }
        use += [
            .heading("Tờ khai in sẵn"),
            .paragraph("Với các thủ tục có tờ khai, ki-ốt in tờ khai khổ A4 đã điền sẵn câu trả lời. Ông/Bà kiểm tra, ký tên và mang đến quầy. "
                + "Mã QR trên tờ khai chứa dữ liệu của tờ khai, có chữ ký số của ki-ốt: cán bộ quét mã thay cho việc gõ lại."),
        ]
        var procedures: [Handbook.Block] = []
        for p in content.procedures {
            let area = content.services.areas.first { $0.code == p.area }?.name.vi ?? p.area
            procedures.append(.heading(p.title.vi))
            var facts: [(String, String)] = [("Mã thủ tục", p.code), ("Lĩnh vực", area),
                                             ("Thời hạn giải quyết", content.strings.deadline(p.deadline, .vi)),
                                             ("Nơi nộp", p.guide.whereToGo.vi)]
            if let produces = p.produces { facts.append(("Kết quả", produces.vi)) }
            facts.append(("Tờ khai in sẵn", content.forms[p.code].map { $0.title } ?? "Không (thủ tục này không có tờ khai)"))
            let fees = content.strings.feeLines(p.fees, .vi)
            if fees.isEmpty { facts.append(("Phí, lệ phí", "Không")) }
            procedures.append(.facts(facts))
            if !fees.isEmpty {
                procedures.append(.paragraph("Phí, lệ phí:"))
                procedures.append(.bullets(fees))
            }
            if !p.guide.bring.isEmpty {
                procedures.append(.paragraph("Giấy tờ cần mang:"))
                procedures.append(.bullets(p.guide.bring.map(\.vi)))
            }
            if !p.legalBasis.isEmpty {
                procedures.append(.paragraph("Căn cứ pháp lý:"))
                procedures.append(.bullets(p.legalBasis))
            }
        }
        let staff: [Handbook.Block] = [
            .heading("Chế độ hỗ trợ"),
            .bullets([
                "Trên màn hình đầu bấm * * *, rồi quẹt thẻ cán bộ hoặc nhập số hiệu cán bộ, rồi mã PIN. Dòng “CHẾ ĐỘ HỖ TRỢ – cán bộ: …” hiện trên mọi màn hình.",
                "Chữ gõ kiểu Telex (Nguyeenx → Nguyễn). Phím / mở menu cán bộ: yêu cầu trợ giúp, hồ sơ gửi lỗi, cảnh báo, in lại phiếu, in lại tờ khai theo mã hồ sơ, ký các hồ sơ đang chờ chữ ký số.",
                "Hồ sơ nộp có cán bộ hỗ trợ được ký bằng token chữ ký số của cán bộ. Rút token giữa chừng: hồ sơ được giữ lại, chờ ký lại từ menu cán bộ.",
            ]),
            .heading("Trang quầy (/counter)"),
            .bullets([
                "Mở trình duyệt tại quầy vào địa chỉ /counter của ki-ốt, đăng nhập bằng số hiệu và mã PIN.",
                "F1 gọi số tiếp theo; màn hình lớn trong sảnh (/board) hiện và đọc số: “Mời số A-007 đến quầy số 1”.",
                "Nhập sai PIN năm lần thì tài khoản bị khóa tạm thời.",
            ]),
            .heading("Khi máy in gặp sự cố"),
            .bullets([
                "Máy in phiếu (khổ 80 mm) hết giấy hoặc bị rút: ki-ốt báo cho Ông/Bà đang dùng và tạo cảnh báo cho cán bộ. Số thứ tự đã cấp vẫn giữ; khi máy in chạy lại, phiếu được in lại đúng một lần, cùng số.",
                "Máy in A4 (hàng đợi kiosk-a4) hết giấy hoặc không có: công dân được báo “Ông/Bà vui lòng báo cán bộ tại quầy để in tờ khai”, cảnh báo a4-printer hiện trong menu cán bộ. Nạp giấy, rồi in lại tờ khai từ menu cán bộ theo mã hồ sơ, hoặc: kioskctl form print MÃ-HỒ-SƠ.",
                "Kiểm tra toàn bộ: kioskctl doctor (mỗi mục có cách sửa). Cài lại hàng đợi: kioskctl printer setup (máy in phiếu), kioskctl printer setup --a4 (máy in A4).",
            ]),
            .heading("Khi mất đường truyền"),
            .bullets([
                "Hồ sơ vẫn được nhận: ki-ốt lưu hồ sơ trước khi báo đã nhận, rồi gửi lên hệ thống một cửa khi có mạng lại, không mất và không gửi trùng.",
                "Tờ khai in sẵn có mã QR dữ liệu nên cán bộ vẫn nhập được hồ sơ khi mạng chưa có: kioskctl form verify ẢNH-QUÉT kiểm tra chữ ký của ki-ốt và hiện nội dung.",
                "Xem hàng đợi gửi: kioskctl outbox; hồ sơ gửi lỗi nhiều lần hiện trong menu cán bộ để gửi lại.",
            ]),
        ]
        return Handbook(
            title: "SỔ TAY KI-ỐT MỘT CỬA",
            subtitle: centre.name.vi,
            coverLines: ["Dành cho công dân và cán bộ bộ phận một cửa", "Ki-ốt \(centre.kioskID)",
                         "Sổ tay này được tạo từ nội dung của ki-ốt (thư mục Kiosk/) bằng lệnh kioskctl handbook; tạo lại khi nội dung thay đổi."],
            coverImage: shot("07-session-cage.png") ?? shot("01-welcome.png"),
            chapters: [
                .init(title: "Cách dùng ki-ốt", blocks: use),
                .init(title: "Các thủ tục: giấy tờ, phí, thời hạn, căn cứ pháp lý", blocks: procedures),
                .init(title: "Dành cho cán bộ", blocks: staff),
            ])
    }
}
