namespace Intake.AnonymousAccess;

/// <summary>
/// A slow salted hash with the parameters it was made with, so the cost can be raised later and
/// old hashes still verify (and can be rehashed on the next successful sign-in).
/// </summary>
/// <param name="Algorithm">Always <see cref="PassphraseHasher.Algorithm"/> for now.</param>
/// <param name="Iterations">At least <see cref="PassphraseHasher.DefaultIterations"/> for any hash made in production.</param>
/// <param name="Salt">Base64 of 16 random bytes, one per hash.</param>
/// <param name="Hash">Base64 of the 32-byte derived key.</param>
public sealed record PassphraseHash(string Algorithm, int Iterations, string Salt, string Hash);
