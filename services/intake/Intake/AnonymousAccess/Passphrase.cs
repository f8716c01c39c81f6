namespace Intake.AnonymousAccess;

/// <summary>
/// The anonymous reporter's second secret, generated rather than chosen (a chosen password is
/// often reused elsewhere, which could tie the report to the person): 20 symbols of
/// <see cref="Base32Secret"/>, 100 random bits, shown in five groups so it does not look like the
/// four-group key. Random symbols rather than words: a word list favours one language, and
/// reporters here write in many.
/// </summary>
public static class Passphrase
{
    public const int Symbols = 20;

    /// <summary>A new passphrase in display form (XXXX-XXXX-XXXX-XXXX-XXXX).</summary>
    public static string Generate() => Base32Secret.Group(Base32Secret.Generate(Symbols));

    /// <summary>
    /// What is hashed: the canonical form when the input is one, else the input as typed (so a
    /// mistyped passphrase still costs a full hash and simply fails).
    /// </summary>
    public static string Normalize(string input) => Base32Secret.Canonicalize(input, Symbols) ?? input;
}
