#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal numbers read straight from bytes, correctly rounded.
///
/// The accepted syntax is `[+-]? (D+ [. D*] | . D+) ([eE] [+-]? D+)?`, ASCII
/// only, with nothing around it: no spaces, no `inf`, `nan`, hexadecimal or
/// digit separators, which therefore make a CSV column nominal.
///
/// Most cells take Clinger's fast path: when the significant digits fit in
/// 2^53 and the decimal exponent is at most 22 in magnitude, the digits and
/// the power of ten are both exact doubles, so one IEEE multiply or divide
/// gives the correctly rounded result. A small mantissa with a somewhat larger
/// exponent is first scaled by an exact power of ten (still exact). Anything
/// else (more than 19 significant digits, huge or tiny exponents) goes to the
/// C library's `strtod` on a NUL-terminated copy, which is correctly rounded
/// on glibc and Darwin. A number too large for a double (`1e999`) is *not* a
/// finite number: the parser returns `nil`, as for text. Underflow is not an
/// error: `1e-400` reads as 0, as `strtod` rounds it.
///
/// The CSV reader's cells, which sit in a buffer with slack after them, use
/// ``parse(padded:)``: a short plain decimal is read as one 64-bit word, with
/// no branch per digit, which is what most numeric cells are.
enum DecimalParser {
    /// 10^0 … 10^15 as integers, for scaling a small mantissa exactly.
    private static let integerPowers: [UInt64] = (0...15).map { p in (0..<p).reduce(1) { r, _ in r * 10 } }

    /// The value of `text`'s bytes, or `nil` unless it is a finite decimal number.
    static func parse(_ text: String) -> Double? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// ``parse(_:)`` for a cell of a buffer where the sixteen bytes from the
    /// cell's start are readable (a ``ByteSource`` buffer, with its slack).
    ///
    /// A plain decimal of at most eight characters after its sign
    /// (`-123.4567`, `42`, `.5`) is then read as one 64-bit word, without a
    /// branch per digit; anything else goes to ``parse(_:)``.
    @inline(__always)
    static func parse(padded bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return nil }
        let signed = base[0] == UInt8(ascii: "-") || base[0] == UInt8(ascii: "+")
        let length = signed ? bytes.count - 1 : bytes.count
        if length >= 1, length <= 8, let (digits, fraction) = shortDecimal(signed ? base + 1 : base, length) {
            // At most 8 digits and 7 decimals: exact operands, so one division
            // rounds correctly; an integer needs none.
            let value = fraction == 0 ? Double(digits) : Double(digits) / power(fraction)
            return base[0] == UInt8(ascii: "-") ? -value : value
        }
        return parse(bytes)
    }

    /// The digits of the `length` (1–8) bytes at `p` if they are `D*[.D*]`
    /// with at least one digit: their integer value and how many follow the point.
    @inline(__always)
    private static func shortDecimal(_ p: UnsafePointer<UInt8>, _ length: Int) -> (UInt64, Int)? {
        // The first byte is the least significant; shift the cell to the top
        // bytes so that the zero bytes below it act as leading zeros.
        var word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)) &<< UInt64((8 &- length) &* 8)
        var digits = length
        var fraction = 0
        let dots = zeroBytes(word ^ 0x2E2E_2E2E_2E2E_2E2E)
        if dots != 0 {
            let bit = UInt64(dots.trailingZeroBitCount &- 7)  // the lowest dot's first bit
            let below: UInt64 = (1 &<< bit) &- 1
            let above: UInt64 = bit >= 56 ? 0 : ~0 &<< (bit &+ 8)
            fraction = 7 &- Int(bit >> 3)
            word = (word & above) | ((word & below) &<< 8)  // drop the point
            digits -= 1
        }
        guard digits > 0 else { return nil }
        word |= 0x3030_3030_3030_3030 & ((1 &<< UInt64((8 &- digits) &* 8)) &- 1)  // pad with '0'
        // Each byte must be 0x30...0x39 (a second point or any other byte fails).
        let highNibbles = (word & 0xF0F0_F0F0_F0F0_F0F0) | (((word &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0) >> 4)
        guard highNibbles == 0x3333_3333_3333_3333 else { return nil }
        // Eight digits to an integer in three multiplies (Lemire's SWAR method).
        var v = word &- 0x3030_3030_3030_3030
        v = (v &* 10) &+ (v >> 8)
        v = ((v & 0x0000_00FF_0000_00FF) &* (100 &+ (1_000_000 << 32))
            &+ ((v >> 16) & 0x0000_00FF_0000_00FF) &* (1 &+ (10_000 << 32))) >> 32
        return (v & 0xFFFF_FFFF, fraction)
    }

    /// The high bit of each zero byte of `x` (and possibly of bytes above the lowest one).
    @inline(__always)
    private static func zeroBytes(_ x: UInt64) -> UInt64 {
        (x &- 0x0101_0101_0101_0101) & ~x & 0x8080_8080_8080_8080
    }

    /// 10^e for 0 ≤ e ≤ 22, all exact doubles.
    @inline(__always)
    private static func power(_ e: Int) -> Double {
        switch e {
        case 0: 1e0
        case 1: 1e1
        case 2: 1e2
        case 3: 1e3
        case 4: 1e4
        case 5: 1e5
        case 6: 1e6
        case 7: 1e7
        case 8: 1e8
        case 9: 1e9
        case 10: 1e10
        case 11: 1e11
        case 12: 1e12
        case 13: 1e13
        case 14: 1e14
        case 15: 1e15
        case 16: 1e16
        case 17: 1e17
        case 18: 1e18
        case 19: 1e19
        case 20: 1e20
        case 21: 1e21
        default: 1e22
        }
    }

    /// The value of `bytes`, or `nil` unless they spell a finite decimal number.
    ///
    /// - Complexity: O(`bytes.count`).
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        let n = bytes.count
        guard n > 0 else { return nil }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            i = 1
        } else if bytes[0] == UInt8(ascii: "+") {
            i = 1
        }
        var mantissa: UInt64 = 0
        var digits = 0  // significant digits held in `mantissa`
        var exponent = 0  // power of ten to apply to `mantissa`
        var truncated = false  // more than 19 significant digits
        var sawDigit = false
        while i < n {
            let d = bytes[i] &- UInt8(ascii: "0")
            guard d <= 9 else { break }
            sawDigit = true
            if mantissa != 0 || d != 0 {
                if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    digits += 1
                } else {
                    truncated = true
                    exponent += 1
                }
            }
            i += 1
        }
        if i < n, bytes[i] == UInt8(ascii: ".") {
            i += 1
            while i < n {
                let d = bytes[i] &- UInt8(ascii: "0")
                guard d <= 9 else { break }
                sawDigit = true
                if mantissa == 0 && d == 0 {
                    exponent -= 1  // a leading zero only moves the point
                } else if digits < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    digits += 1
                    exponent -= 1
                } else {
                    truncated = true
                }
                i += 1
            }
        }
        guard sawDigit else { return nil }
        if i < n, bytes[i] | 0x20 == UInt8(ascii: "e") {
            i += 1
            var negativeExponent = false
            if i < n, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                negativeExponent = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            var written = 0
            var sawExponentDigit = false
            while i < n {
                let d = bytes[i] &- UInt8(ascii: "0")
                guard d <= 9 else { break }
                sawExponentDigit = true
                // Past 10^6 the result is 0 or infinite anyway; clamping avoids overflow.
                if written < 1_000_000 { written = written * 10 + Int(d) }
                i += 1
            }
            guard sawExponentDigit else { return nil }
            exponent += negativeExponent ? -written : written
        }
        guard i == n else { return nil }
        if truncated { return parseWithC(bytes) }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        let value: Double
        if mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let m = Double(mantissa)
            value = exponent >= 0 ? m * power(exponent) : m / power(-exponent)
        } else if exponent > 22, exponent <= 22 + 15, let scaled = exactlyScaled(mantissa, exponent - 22) {
            value = scaled * 1e22
        } else {
            return parseWithC(bytes)
        }
        return negative ? -value : value
    }

    /// Whether `bytes` spell a decimal number whose magnitude is too large for
    /// a double (so ``parse(_:)`` returned `nil` for range, not syntax).
    static func isTooLarge(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let allowed = bytes.allSatisfy { b in
            (b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) || b == UInt8(ascii: ".") || b == UInt8(ascii: "+")
                || b == UInt8(ascii: "-") || b | 0x20 == UInt8(ascii: "e")
        }
        guard allowed, !bytes.isEmpty else { return false }
        return strtodWhole(bytes)?.isInfinite ?? false
    }

    /// `mantissa × 10^power` as a double, if that is an integer of at most 2^53 (so exact).
    private static func exactlyScaled(_ mantissa: UInt64, _ power: Int) -> Double? {
        let (product, overflow) = mantissa.multipliedReportingOverflow(by: integerPowers[power])
        guard !overflow, product <= 1 << 53 else { return nil }
        return Double(product)
    }

    /// `strtod` on `bytes`, which already match the accepted syntax; `nil` if
    /// the result is not finite.
    private static func parseWithC(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let value = strtodWhole(bytes), value.isFinite else { return nil }
        return value
    }

    /// `strtod` on a NUL-terminated copy of `bytes`, if it reads all of them.
    private static func strtodWhole(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: bytes.count + 1) { copy -> Double? in
            guard let to = copy.baseAddress, let from = bytes.baseAddress else { return nil }
            memcpy(to, from, bytes.count)
            to[bytes.count] = 0
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(to, &stop)
            return stop == to + bytes.count ? value : nil
        }
    }
}
