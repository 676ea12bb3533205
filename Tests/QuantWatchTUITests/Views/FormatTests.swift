import Foundation
import QuantWatchDomain
import Testing

@testable import QuantWatchTUI

struct FormatTests {
    @Test func histogramLabelsGainDecimalsUntilNeighboursDiffer() {
        #expect(TargetDetailView.distinctLabels([20, 40, 80]) == ["20", "40", "80"])
        #expect(TargetDetailView.distinctLabels([3.5, 4.1, 4.4, 5.2]) == ["3.5", "4.1", "4.4", "5.2"])
        #expect(TargetDetailView.distinctLabels([10.2, 10.4, 12]) == ["10.2", "10.4", "12.0"])
        #expect(TargetDetailView.distinctLabels([10.2, 10.7, 12]) == ["10", "11", "12"])
        #expect(TargetDetailView.distinctLabels([900, 1500, 2500]) == ["900", "1.50s", "2.50s"])
    }
}

struct AnswersPanelTests {
    private func pair(_ id: String, _ answer: String, _ correct: Bool, _ baseline: String?, _ baselineCorrect: Bool?)
        -> AnswerPair
    {
        AnswerPair(
            canaryID: id, category: "general", answer: answer, correct: correct, baselineAnswer: baseline,
            baselineCorrect: baselineCorrect, at: Date(timeIntervalSince1970: 0))
    }

    @Test func regressionsAndDisagreementsComeFirst() {
        let pairs = [
            pair("same", "Paris", true, "Paris", true),
            pair("bothWrong", "Lyon", false, "Lyon", false),
            pair("differs", "4.0", true, "four", true),
            pair("regressed", "Rome", false, "Berlin", true),
            pair("alone", "x", false, nil, nil),
            pair("caseOnly", "paris", true, "Paris", true),
        ]
        let order = AnswersPanel.triageOrder(pairs).map(\.canaryID)
        #expect(order == ["regressed", "differs", "bothWrong", "alone", "same", "caseOnly"])
    }
}

struct FleetTableTests {
    @Test func longTargetIdsLoseTheirMiddleSoVariantsStayApart() {
        #expect(FleetTable.middleTruncated("llama8b-q4_k_m", width: 11, ellipsis: "…") == "llam…q4_k_m")
        #expect(FleetTable.middleTruncated("llama8b-q4_0", width: 11, ellipsis: "…") == "llam…b-q4_0")
        #expect(FleetTable.middleTruncated("short", width: 11, ellipsis: "…") == "short")
        #expect(FleetTable.middleTruncated("東京東京東京東京", width: 7, ellipsis: "…") == "東…東京")
    }
}
