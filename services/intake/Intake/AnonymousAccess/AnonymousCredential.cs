namespace Intake.AnonymousAccess;

/// <summary>What is stored of an anonymous reporter's secrets: the key's digest and the passphrase's slow hash.</summary>
public sealed record AnonymousCredential(string KeyDigest, PassphraseHash Passphrase);

/// <summary>
/// A new key and passphrase, shown to the reporter once, and the credential that is stored
/// instead of them. Never log or store <see cref="Key"/> or <see cref="Passphrase"/>.
/// </summary>
public sealed record IssuedAnonymousAccess(ReportKey Key, string Passphrase, AnonymousCredential Credential)
{
    public static IssuedAnonymousAccess Issue(PassphraseHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        var key = ReportKey.Generate();
        var passphrase = AnonymousAccess.Passphrase.Generate();
        return new(key, passphrase, new AnonymousCredential(key.Digest, hasher.Hash(passphrase)));
    }

    // Records print their members; these two must never reach a log by accident.
    public override string ToString() => $"{nameof(IssuedAnonymousAccess)} {{ {nameof(Credential)} = {Credential} }}";
}
