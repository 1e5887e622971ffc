/// What a citizen pays for a procedure, named as the law names it.
///
/// The Law on Fees and Charges 2015 (Luật Phí và lệ phí) tells two things apart: a *phí* (fee) pays for a
/// service (a certified copy, a copy of a civil-status extract), a *lệ phí* (charge) is collected for a
/// state act (registering a late birth). ``Kind`` keeps them apart so the screen says the right word.
///
/// An amount may depend on the answers: a flat amount per unit of one answer (8,000 đ a copy), or a rate
/// by page (certified copies: 2,000 đ a page, 1,000 đ from page 3, at most 200,000 đ a copy).
///
/// ```swift
/// let copies = Fee(kind: .fee, amount: nil, pages: .init(pagesQuestion: "page_count", copiesQuestion: "copies",
///                  rates: [.init(fromPage: 1, amount: 2000), .init(fromPage: 3, amount: 1000)], maxPerCopy: 200_000))
/// copies.estimate(["page_count": .number(5), "copies": .number(2)])   // 2 × (2 + 2 + 1 + 1 + 1) × 1,000 = 14,000
/// ```
public struct Fee: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        /// Nothing is collected.
        case none
        /// Phí: pays for a service.
        case fee = "phi"
        /// Lệ phí: collected for a state act.
        case charge = "le_phi"
    }

    /// A rate from a page on: pages from `fromPage` cost `amount` each (until the next rate).
    public struct PageRate: Hashable, Sendable {
        public var fromPage: Int
        public var amount: Int
        public init(fromPage: Int, amount: Int) {
            self.fromPage = fromPage
            self.amount = amount
        }
    }

    /// A fee by page count, per copy.
    public struct PageRates: Hashable, Sendable {
        /// The answer giving the number of pages of the document.
        public var pagesQuestion: String
        /// The answer giving the number of copies (one copy when absent).
        public var copiesQuestion: String?
        /// Sorted by `fromPage`; the first starts at page 1.
        public var rates: [PageRate]
        public var maxPerCopy: Int?

        public init(pagesQuestion: String, copiesQuestion: String? = nil, rates: [PageRate], maxPerCopy: Int? = nil) {
            self.pagesQuestion = pagesQuestion
            self.copiesQuestion = copiesQuestion
            self.rates = rates.sorted { $0.fromPage < $1.fromPage }
            self.maxPerCopy = maxPerCopy
        }

        /// One copy of a document of `pages` pages: `perCopy(pages: 150)` is 200,000 with the certified-copy rates.
        public func perCopy(pages: Int) -> Int {
            guard pages > 0 else { return 0 }
            var total = 0
            for (i, rate) in rates.enumerated() {
                let last = i + 1 < rates.count ? rates[i + 1].fromPage - 1 : pages
                let from = max(rate.fromPage, 1), to = min(last, pages)
                if to >= from { total += (to - from + 1) * rate.amount }
                if let cap = maxPerCopy, total >= cap { return cap }
            }
            return maxPerCopy.map { min($0, total) } ?? total
        }
    }

    public var kind: Kind
    /// The legal name shown with the amount ("Phí chứng thực"); the kind's word when absent.
    public var name: LocalizedText?
    /// In VND: the flat amount, or the amount per unit of `quantityQuestion`; nil when it is set
    /// elsewhere (by the Provincial People's Council: the note says so).
    public var amount: Int?
    /// The unit `amount` is per ("bản", a copy), when `quantityQuestion` multiplies it.
    public var unit: LocalizedText?
    /// The answer that multiplies `amount` (copies).
    public var quantityQuestion: String?
    public var pages: PageRates?
    /// Exemptions, late charges, who sets the amount: shown as written.
    public var note: LocalizedText?

    public init(kind: Kind = .none, name: LocalizedText? = nil, amount: Int? = 0, unit: LocalizedText? = nil,
                quantityQuestion: String? = nil, pages: PageRates? = nil, note: LocalizedText? = nil) {
        self.kind = kind
        self.name = name
        self.amount = amount
        self.unit = unit
        self.quantityQuestion = quantityQuestion
        self.pages = pages
        self.note = note
    }

    /// The questions the amount is computed from.
    public var questionIDs: Set<String> {
        Set([quantityQuestion, pages?.pagesQuestion, pages?.copiesQuestion].compactMap { $0 })
    }

    /// True when the amount depends on answers.
    public var dependsOnAnswers: Bool { !questionIDs.isEmpty }

    /// The amount for these answers, in VND; nil while an answer it needs is missing, or when the amount
    /// is set elsewhere. A fee of kind `.none` is 0.
    public func estimate(_ answers: [String: FormValue]) -> Int? {
        guard kind != .none else { return 0 }
        func count(_ id: String?) -> Int? {
            guard let id else { return 1 }
            guard case .number(let n)? = answers[id], n >= 0, n < 1_000_000 else { return nil }
            return Int(n)
        }
        if let pages {
            guard let n = count(pages.pagesQuestion), let copies = count(pages.copiesQuestion) else { return nil }
            return copies * pages.perCopy(pages: n)
        }
        guard let amount, let quantity = count(quantityQuestion) else { return nil }
        return quantity * amount
    }
}
