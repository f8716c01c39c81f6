using System.Security.Cryptography;

namespace Intake.AnonymousAccess;

/// <summary>
/// Random secrets a person has to write down and read aloud: 32 symbols (digits 2–9 and the
/// letters without I and O, so 0/O and 1/I/L cannot be confused), 5 bits each, shown in groups of
/// four. Input is forgiving: case, spaces and dashes are ignored.
/// </summary>
public static class Base32Secret
{
    public const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    public const int BitsPerSymbol = 5;

    /// <summary><paramref name="symbols"/> symbols from a cryptographic random source, uniformly.</summary>
    public static string Generate(int symbols) => RandomNumberGenerator.GetString(Alphabet, symbols);

    /// <summary>"ABCD-EFGH-..." for display.</summary>
    public static string Group(string canonical) => string.Join('-', canonical.Chunk(4).Select(group => new string(group)));

    /// <summary>The canonical form (uppercase, no separators), or null when a symbol is not in the alphabet or the length is wrong.</summary>
    public static string? Canonicalize(string? input, int symbols)
    {
        if (input is null || input.Length > symbols * 2)
        {
            return null;
        }
        var canonical = new string([.. input.Where(c => c is not ('-' or ' ')).Select(char.ToUpperInvariant)]);
        return canonical.Length == symbols && canonical.All(c => Alphabet.Contains(c, StringComparison.Ordinal)) ? canonical : null;
    }
}
