public import UndertoneTranscripts

/// Whether a text is English, the only language the lexicon scores.
///
/// A lexicon scorer gives text in another language a confident 0 ("neutral"), which is wrong rather than unknown, so
/// such text is noted instead of scored. The check counts common function words: text is taken as another language
/// when most of its letters are outside the Latin script, or when it holds more function words of Spanish, French,
/// German, Portuguese, Italian or Dutch than of English (at least one). Words both languages share ("a", "me", "no")
/// are in neither list. Short English replies ("okay", "bye") and names stay English.
enum LanguageCheck {
    /// The note that replaces a score.
    static let note = "sentiment: English only"

    static func isEnglish(_ text: String) -> Bool {
        language(of: text) ?? true
    }

    /// True for English, false for another language, nil when the text holds no function word of either ("Annulé.",
    /// "Okay.", a name): such a sentence takes the language of the sentences around it.
    static func language(of text: String) -> Bool? {
        let letters = text.unicodeScalars.filter { $0.properties.isAlphabetic }
        guard !letters.isEmpty else { return nil }
        let latin = letters.filter { $0.value < 0x250 || (0x1E00...0x1EFF).contains($0.value) }.count
        if latin * 2 < letters.count { return false }
        var english = 0, other = 0
        for word in text.lowercased().split(whereSeparator: { !$0.isLetter && $0 != "'" && $0 != "\u{2019}" }) {
            let word = String(word)
            if englishWords.contains(word) { english += 1 } else if otherWords.contains(word) { other += 1 }
        }
        if english == 0, other == 0 { return nil }
        return !(other >= 1 && other > english)
    }

    static let englishWords: Set<String> = [
        "the", "and", "to", "of", "i", "you", "it", "is", "was", "that", "this", "my", "your", "for", "on", "in", "with",
        "be", "have", "has", "had", "are", "were", "not", "what", "can", "will", "would", "do", "does", "did", "we",
        "they", "he", "she", "at", "from", "but", "or", "if", "so", "just", "about", "there", "here", "all", "been",
        "i'm", "it's", "that's", "don't", "can't", "you're", "i've", "i'll", "how", "why", "when", "where", "who",
        "yes", "okay", "ok", "thanks", "thank", "please", "hello", "hi", "bye", "sorry", "yeah", "right", "now",
        "again", "still", "get", "got", "need", "want", "call", "calling", "help", "an", "by", "our", "us",
    ]

    static let otherWords: Set<String> = [
        // Spanish
        "el", "la", "los", "las", "que", "de", "del", "y", "es", "por", "para", "con", "una", "un", "mi", "su", "muy",
        "pero", "este", "esta", "está", "gracias", "hola", "sí", "señor", "señora", "usted", "yo", "tengo", "nada",
        "quiero", "necesito", "cuenta", "servicio", "buenos", "días", "adiós", "estoy", "hay", "lo", "le", "se",
        // French
        "les", "des", "et", "est", "je", "vous", "nous", "pas", "pour", "avec", "une", "merci", "bonjour", "oui",
        "mon", "ma", "mes", "très", "mais", "c'est", "suis", "ai", "au", "du", "ne", "ce", "qui", "votre", "facture",
        // German
        "der", "die", "das", "und", "ist", "ich", "nicht", "sie", "wir", "ein", "eine", "mit", "für", "nein", "danke",
        "bitte", "hallo", "mein", "meine", "ihr", "ihre", "auf", "zu", "schon", "noch", "habe", "rechnung", "guten",
        // Portuguese
        "não", "obrigado", "obrigada", "olá", "você", "eu", "meu", "minha", "muito", "com", "uma", "os", "é",
        // Italian
        "grazie", "ciao", "sono", "non", "il", "della", "che", "io", "questo", "buongiorno",
        // Dutch
        "het", "een", "niet", "ik", "mijn", "dank", "hoe", "wat", "ook",
    ]
}

extension TranscriptTurn {
    /// The turn cut where its sentences change language, so a party who turns aside in Spanish after an English
    /// complaint ("I live at eighty! … Lo dejaron en el dieciocho.") still has the complaint scored and only the
    /// aside noted; the report and the live engine score these parts. A sentence ends at a word ending in ".", "!"
    /// or "?".
    public var languageParts: [TranscriptTurn] {
        var parts: [(english: Bool, words: [Word])] = []
        var sentence: [Word] = []
        var undecided: [Word] = []  // opening sentences with no function word: they join the first language found
        for (index, word) in words.enumerated() {
            sentence.append(word)
            guard word.text.last.map({ ".!?".contains($0) }) == true || index == words.count - 1 else { continue }
            let language = LanguageCheck.language(of: sentence.map(\.text).joined(separator: " "))
            if let last = parts.indices.last, language == nil || language == parts[last].english {
                parts[last].words += sentence
            } else if let english = language {
                parts.append((english, undecided + sentence))
                undecided = []
            } else {
                undecided += sentence
            }
            sentence = []
        }
        return parts.count > 1 ? parts.map { TranscriptTurn(role: role, words: $0.words) } : [self]
    }
}
