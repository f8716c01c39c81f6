using System.Security.Cryptography;
using System.Text;

namespace Intake.AnonymousAccess;

/// <summary>
/// PBKDF2-HMAC-SHA256 with a random salt per hash (OWASP's 2023 floor is 600,000 iterations).
/// <see cref="Verify"/> takes the stored hash or null for a key that does not exist, and does the
/// same work either way, so the answer and its timing are the same for an unknown key and a wrong passphrase.
/// </summary>
public sealed class PassphraseHasher
{
    public const string Algorithm = "pbkdf2-sha256";

    public const int DefaultIterations = 600_000;

    private const int SaltSize = 16;
    private const int HashSize = 32;

    private readonly Lazy<PassphraseHash> dummy;

    /// <param name="iterations">Lower only in specs; production uses <see cref="DefaultIterations"/> or more.</param>
    public PassphraseHasher(int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        Iterations = iterations;
        // What an unknown key is checked against: a hash of a random passphrase nobody knows.
        dummy = new(() => Hash(Base32Secret.Generate(Passphrase.Symbols)));
    }

    public int Iterations { get; }

    public PassphraseHash Hash(string passphrase)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        var salt = RandomNumberGenerator.GetBytes(SaltSize);
        var hash = Derive(passphrase, salt, Iterations);
        return new(Algorithm, Iterations, Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    /// <summary>
    /// Whether <paramref name="passphrase"/> matches <paramref name="stored"/>; false, after the
    /// same work, when <paramref name="stored"/> is null (the key is unknown). Compared in constant time.
    /// </summary>
    public bool Verify(string passphrase, PassphraseHash? stored)
    {
        ArgumentNullException.ThrowIfNull(passphrase);
        var against = stored ?? dummy.Value;
        if (!string.Equals(against.Algorithm, Algorithm, StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Passphrase hash algorithm '{against.Algorithm}' is not supported.");
        }
        var expected = Convert.FromBase64String(against.Hash);
        var actual = Derive(passphrase, Convert.FromBase64String(against.Salt), against.Iterations);
        return CryptographicOperations.FixedTimeEquals(actual, expected) && stored is not null;
    }

    /// <summary>Whether a hash was made with fewer iterations than this hasher's, and should be redone once the passphrase is known.</summary>
    public bool NeedsRehash(PassphraseHash stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.Iterations < Iterations || !string.Equals(stored.Algorithm, Algorithm, StringComparison.Ordinal);
    }

    private static byte[] Derive(string passphrase, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(Passphrase.Normalize(passphrase)), salt, iterations, HashAlgorithmName.SHA256, HashSize);
}
