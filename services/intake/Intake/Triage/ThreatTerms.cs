using System.Text;

namespace Intake.Triage;

/// <summary>
/// Mentions of weapons, killing, strangulation and threats, in English, Spanish, French and German:
/// the words that predict serious harm in GBV risk assessment (DASH and similar checklists).
/// <para>
/// Matching is on whole words of the narrative, in lowercase with accents folded (see <see cref="Words"/>):
/// <c>term</c> matches that word, <c>term*</c> any word starting with it, <c>*term*</c> any word
/// containing it (for German compounds such as Küchenmesser), and a phrase matches its words in sequence.
/// </para>
/// <para>
/// Honest limits: it raises, it never lowers, and a handler triages every report anyway. It
/// cannot tell negation ("he had no knife") or figures of speech ("I could kill for a coffee")
/// from the real thing, so it errs towards urgent; it misses misspellings, slang, other languages,
/// and threats made without these words ("you will regret this"). False positives cost a handler
/// minutes; false negatives are why the immediate-danger question exists.
/// </para>
/// </summary>
public static class ThreatTerms
{
    public static readonly IReadOnlyList<string> English =
    [
        "weapon*", "gun", "guns", "gunpoint", "pistol*", "rifle*", "shotgun*", "firearm*", "revolver*",
        "knife", "knives", "blade", "blades", "machete*", "stab", "stabs", "stabbed", "stabbing", "shoot", "shooting",
        "shot at", "acid", "set fire", "strangl*", "choke*", "choking", "kill", "kills", "killed", "killing",
        "murder*", "threat*",
    ];

    public static readonly IReadOnlyList<string> Spanish =
    [
        "arma", "armas", "pistola*", "revolver*", "escopeta*", "rifle*", "fusil*", "cuchillo*", "navaja*",
        "machete*", "punal*", "apunal*", "acido", "dispara", "disparar*", "disparo*", "matar*", "mato", "mataria*", "matare",
        "asesin*", "estrangul*", "ahorc*", "amenaz*", "quemar*",
    ];

    public static readonly IReadOnlyList<string> French =
    [
        "arme", "armes", "pistolet*", "revolver*", "fusil*", "carabine*", "couteau*", "machette*", "poignard*",
        "acide", "tirer sur", "tuer", "tuerai*", "tuera", "assassin*", "etrangl*", "menace*", "menacant*",
        "bruler*",
    ];

    public static readonly IReadOnlyList<string> German =
    [
        "waffe", "waffen*", "*schusswaffe*", "*stichwaffe*", "pistole*", "revolver*", "*gewehr*", "*messer*",
        "machete*", "mit saure", "*saureangriff*", "erstech*", "erschiess*", "schiess*", "umbring*", "toten",
        "totet", "ermord*", "wurg*", "erwurg*", "drohung*", "drohen", "droht*", "bedroh*", "anzund*",
    ];

    private static readonly Term[] All = [.. English.Concat(Spanish).Concat(French).Concat(German).Select(Term.Parse)];

    /// <summary>Whether <paramref name="text"/> mentions any of the terms.</summary>
    public static bool AreMentionedIn(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Words(text);
        return All.Any(term => term.MatchesAnywhereIn(words));
    }

    /// <summary>The words matching sees: lowercase, accents folded, ß as ss. Anything but a letter or digit separates words.</summary>
    public static IReadOnlyList<string> Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = new StringBuilder(text.Length);
        foreach (var c in text.ToLowerInvariant())
        {
            if (Folds.TryGetValue(c, out var plain))
            {
                folded.Append(plain);
            }
            else
            {
                folded.Append(char.IsLetterOrDigit(c) ? c : ' ');
            }
        }
        return folded.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    // The platform runs with invariant globalization, which has no Unicode normalization, so the
    // accented letters of the four languages are folded from a table.
    private static readonly Dictionary<char, string> Folds = new()
    {
        ['à'] = "a",
        ['á'] = "a",
        ['â'] = "a",
        ['ã'] = "a",
        ['ä'] = "a",
        ['å'] = "a",
        ['ç'] = "c",
        ['è'] = "e",
        ['é'] = "e",
        ['ê'] = "e",
        ['ë'] = "e",
        ['ì'] = "i",
        ['í'] = "i",
        ['î'] = "i",
        ['ï'] = "i",
        ['ñ'] = "n",
        ['ò'] = "o",
        ['ó'] = "o",
        ['ô'] = "o",
        ['õ'] = "o",
        ['ö'] = "o",
        ['ø'] = "o",
        ['ù'] = "u",
        ['ú'] = "u",
        ['û'] = "u",
        ['ü'] = "u",
        ['ý'] = "y",
        ['ÿ'] = "y",
        ['æ'] = "ae",
        ['œ'] = "oe",
        ['ß'] = "ss",
    };

    private sealed record Term(string[] Words, bool Prefix, bool Infix)
    {
        public static Term Parse(string term) => term switch
        {
            ['*', .. var middle, '*'] => new([middle], Prefix: false, Infix: true),
            [.. var start, '*'] => new(start.Split(' '), Prefix: true, Infix: false),
            _ => new(term.Split(' '), Prefix: false, Infix: false),
        };

        public bool MatchesAnywhereIn(IReadOnlyList<string> text)
        {
            for (var at = 0; at + Words.Length <= text.Count; at++)
            {
                if (MatchesAt(text, at))
                {
                    return true;
                }
            }
            return false;
        }

        // Only the last word of a phrase may be a prefix: "set fire*" would match "set fires", never "sets fire".
        private bool MatchesAt(IReadOnlyList<string> text, int at)
        {
            for (var i = 0; i < Words.Length; i++)
            {
                var word = text[at + i];
                var last = i == Words.Length - 1;
                var matches = Infix ? word.Contains(Words[i], StringComparison.Ordinal)
                    : Prefix && last ? word.StartsWith(Words[i], StringComparison.Ordinal)
                    : word == Words[i];
                if (!matches)
                {
                    return false;
                }
            }
            return true;
        }
    }
}
