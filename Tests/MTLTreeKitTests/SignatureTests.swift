import Testing
@testable import MTLTreeKit

/// Rows' label combinations as one byte each (what the threshold scan reads).
struct SignatureTests {
    @Test func combinationsAreNumberedInOrderOfFirstAppearance() {
        // Two tasks (2 and 3 classes); row by row: (1,2) (0,0) (1,2) (?,0) (0,0).
        let labels: [Int32] = [1, 2, 0, 0, 1, 2, -1, 0, 0, 0]
        let (signatures, classes) = _TrainingData.signatures(labels: labels, classCounts: [2, 3])
        #expect(signatures == [0, 1, 0, 2, 1])
        #expect(classes == [1, 2, 0, 0, -1, 0])
    }

    @Test func moreThan256CombinationsHaveNoSignatures() {
        // One task with 100 classes and one with 3: 300 combinations, all present.
        let labels: [Int32] = (0 ..< 300).flatMap { [Int32($0 % 100), Int32($0 / 100)] }
        #expect(_TrainingData.signatures(labels: labels, classCounts: [100, 3]).0 == nil)
        // The first 256 of them still fit.
        #expect(_TrainingData.signatures(labels: Array(labels[..<512]), classCounts: [100, 3]).0 != nil)
    }

    @Test func aMembersKeyIgnoresTheTasksItDoesNotWeigh() throws {
        let data = try TestData.dataset([
            TestData.numeric("x", [1, 2, 3, 4]),
            TestData.task("a", ["p", "p", "q", "p"]),
            TestData.task("b", ["u", "v", "u", "u"]),
        ], main: "a")
        let schema = TreeSchema(data)
        // Signatures: (p,u) 0, (p,v) 1, (q,u) 2. With λ_b = 0, (p,u) and (p,v) run together.
        let training = _TrainingData(data, schema: schema, members: [[1, 0], [1, 1]])
        #expect(training.rowSignatures == [0, 1, 2, 0])
        #expect(training.memberSignatureKeys == [[0, 0, 2], [0, 1, 2]])
    }
}
