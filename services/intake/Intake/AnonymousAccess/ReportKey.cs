using System.Security.Cryptography;
using System.Text;

namespace Intake.AnonymousAccess;

/// <summary>
/// What an anonymous reporter quotes to find their report again: 16 symbols of
/// <see cref="Base32Secret"/>, 80 random bits, shown as XXXX-XXXX-XXXX-XXXX. Only its
/// <see cref="Digest"/> is stored: 80 random bits make a fast hash as safe as a slow one, and a
/// fast one can be looked up by. A lost key cannot be recovered.
/// </summary>
public sealed record ReportKey
{
    public const int Symbols = 16;

    private ReportKey(string canonical) => Canonical = canonical;

    public string Canonical { get; }

    /// <summary>SHA-256 of the canonical key, lowercase hex: the lookup and lockout key.</summary>
    public string Digest => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(Canonical)));

    public static ReportKey Generate() => new(Base32Secret.Generate(Symbols));

    /// <summary>
    /// The key as typed, or null when it cannot be a key at all. Saying "malformed" reveals
    /// nothing: whether a well-formed key exists is never answered differently from a wrong passphrase.
    /// </summary>
    public static ReportKey? Parse(string? input) => Base32Secret.Canonicalize(input, Symbols) is { } canonical ? new(canonical) : null;

    public override string ToString() => Base32Secret.Group(Canonical);
}
