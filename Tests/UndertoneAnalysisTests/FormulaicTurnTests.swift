import Testing
@testable import UndertoneSentiment

/// Which turns say nothing about mood: backchannels, greeting and closing formulas, introductions.
@Suite struct FormulaicTurnTests {
    @Test(arguments: [
        ("Yes, this is Sam.", true), ("Good morning, Northwind, my name is Dana.", true), ("You're welcome. Goodbye.", true),
        ("Bye now.", true), ("This is ridiculous.", false), ("My name is on the bill and it is wrong.", false),
        ("That is not acceptable.", false),
    ])
    func formulas(text: String, isFormula: Bool) {
        #expect(FormulaicTurn.isFormula(text) == isFormula, "\(text)")
    }

    @Test(arguments: [("okay", true), ("Mhm.", true), ("yeah, right", true), ("Okay, thank you.", false), ("No way!", false)])
    func backchannels(text: String, isBackchannel: Bool) {
        #expect(FormulaicTurn.isBackchannel(text) == isBackchannel, "\(text)")
    }
}
