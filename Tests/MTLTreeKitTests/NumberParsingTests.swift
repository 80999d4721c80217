import Foundation
import Testing

@testable import MTLTreeKit

@Suite("Number parsing")
struct NumberParsingTests {
    /// Texts and the doubles the Swift compiler makes of the same literals
    /// (LLVM's APFloat, an implementation independent of the parser's).
    static let exact: [(String, Double)] = [
        ("0", 0), ("1", 1), ("+1.5", 1.5), ("-2.25", -2.25), (".5", 0.5), ("5.", 5), ("007", 7),
        ("1e3", 1000), ("1E-3", 0.001), ("2.5e+2", 250), ("0.1", 0.1), ("0.000001", 0.000001),
        ("128.0", 128), ("3.14159265358979323846", 3.14159265358979323846),
        ("123456789012345678", 123456789012345680), ("9007199254740993", 9007199254740992),
        ("9007199254740995", 9007199254740996), ("0.30000000000000004", 0.30000000000000004),
        ("1e22", 1e22), ("1e23", 1e23), ("123e20", 123e20), ("4.5e30", 4.5e30),
        ("1.7976931348623157e308", .greatestFiniteMagnitude), ("4.9e-324", .leastNonzeroMagnitude),
        ("2.2250738585072011e-308", Double(bitPattern: 0x000F_FFFF_FFFF_FFFF)), ("1e-400", 0),
        ("0.0000000000000000000000000000001", 1e-31), ("100000000000000000000000000000", 1e29),
        // Python's float('89255.0e-22'); swiftc rounds this literal one ulp off.
        ("89255.0e-22", Double(bitPattern: 0x3C64_94AF_6CE5_221F)),
        ("-73.302422", -73.302422), ("1e0000000000000000000001", 10),
    ]

    @Test("decimal texts read as the correctly rounded double", arguments: exact)
    func readsExactly(text: String, expected: Double) throws {
        let value = try #require(DecimalParser.parse(text))
        #expect(value == expected)
        #expect(value.sign == expected.sign)
    }

    @Test("negative zero keeps its sign")
    func negativeZero() throws {
        let value = try #require(DecimalParser.parse("-0.0"))
        #expect(value == 0 && value.sign == .minus)
    }

    @Test(
        "anything but a plain finite decimal is rejected",
        arguments: [
            "", "-", "+", ".", "-.", "e5", "1e", "1e+", "1e-", "inf", "-inf", "Infinity", "nan", "NaN",
            "0x10", "0x1p3", "1_000", " 1", "1 ", "1,5", "1.2.3", "--1", "+-1", "1e5.5", "1d", "١", "12abc",
            "1e999", "-1e999", "1" + String(repeating: "0", count: 400),
        ])
    func rejects(text: String) {
        #expect(DecimalParser.parse(text) == nil)
    }

    @Test("too large is told apart from not a number")
    func tooLarge() {
        func tooLarge(_ text: String) -> Bool {
            var text = text
            return text.withUTF8 { DecimalParser.isTooLarge($0) }
        }
        #expect(tooLarge("1e999"))
        #expect(tooLarge("-2e308"))
        #expect(!tooLarge("1e308"))
        #expect(!tooLarge("inf"))
        #expect(!tooLarge("abc"))
        #expect(!tooLarge(""))
    }

    @Test("every finite double reads back from its shortest and its 17-digit text")
    func roundTripsRandomDoubles() throws {
        var rng = SplitMix64(seed: 20_240_601)
        for _ in 0..<20_000 {
            let x = Double(bitPattern: rng.next())
            guard x.isFinite else { continue }
            #expect(DecimalParser.parse("\(x)") == x)
            #expect(DecimalParser.parse(String(format: "%.17g", x)) == x)
        }
    }

    @Test("short decimals agree with strtod, on the fast path and off it")
    func agreesWithStrtod() throws {
        var rng = SplitMix64(seed: 7)
        for _ in 0..<50_000 {
            let digits = 1 + rng.nextInt(below: 24)
            var text = rng.nextInt(below: 2) == 0 ? "" : "-"
            for i in 0..<digits {
                if i == digits / 2, rng.nextInt(below: 2) == 0 { text += "." }
                text += String(rng.nextInt(below: 10))
            }
            if rng.nextInt(below: 2) == 0 { text += "e\(rng.nextInt(below: 80) - 40)" }
            let expected = strtod(text, nil)
            #expect(DecimalParser.parse(text) == expected, "\(text)")
        }
    }

    @Test("the word-at-a-time path agrees with the byte path on short texts, valid or not")
    func paddedAgrees() throws {
        let alphabet = Array("0123456789.-+eE x".utf8)
        var rng = SplitMix64(seed: 99)
        var disagreements: [String] = []
        for _ in 0..<60_000 {
            let length = rng.nextInt(below: 11)
            var text = (0..<length).map { _ in
                // Mostly digits, so that many texts are numbers.
                rng.nextInt(below: 3) == 0 ? alphabet[rng.nextInt(below: alphabet.count)] : alphabet[rng.nextInt(below: 10)]
            }
            let count = text.count
            // Garbage after the text, as in a read buffer.
            text += (0..<16).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            text.withUnsafeBufferPointer { buffer in
                let cell = UnsafeBufferPointer(rebasing: buffer[..<count])
                let fast = DecimalParser.parse(padded: cell)
                let slow = DecimalParser.parse(cell)
                if fast?.bitPattern != slow?.bitPattern { disagreements.append(String(decoding: cell, as: UTF8.self)) }
            }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(20))")
    }

    @Test("the word-at-a-time path reads every decimal of up to 8 characters exactly")
    func paddedExact() throws {
        for text in ["0", "-0", "7", "12345678", "-1234567", "1234.567", ".1234567", "9999999.", "-.5", "+3.25", "0.000001"] {
            var bytes = Array(text.utf8) + [UInt8](repeating: 0x39, count: 16)
            let count = text.utf8.count
            let value = bytes.withUnsafeMutableBufferPointer { DecimalParser.parse(padded: UnsafeBufferPointer(rebasing: $0[..<count])) }
            #expect(value?.bitPattern == strtod(text, nil).bitPattern, "\(text)")
        }
    }
}
